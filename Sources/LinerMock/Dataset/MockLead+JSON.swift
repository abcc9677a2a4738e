/// Rendering of a lead: the fields of the seed doc's example, in its order, then the
/// occasional field the docs do not list. Shapes not kept as properties are re-derived from
/// the lead's draws here, so nothing beyond the public values is stored per lead.
extension MockLead {
    /// Per-mille rates of the numeric-as-string quirk for id, statusId and orderId.
    static let numericStringPerMille = 50

    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("id")
        writeNumber(Int64(id), asString: draws.perMille(.idAsString) < Self.numericStringPerMille, to: &writer)
        writer.key("name")
        writer.string(name)
        writer.key("phone")
        writer.stringOrNull(rawPhone)
        writer.key("sourceComment")
        writer.stringOrNull(sourceComment)
        writer.key("ip")
        writeIP(to: &writer)
        writeExternalIds(to: &writer)
        writer.key("statusId")
        writeNumber(Int64(statusId), asString: draws.perMille(.statusAsString) < Self.numericStringPerMille, to: &writer)
        writer.key("leadType")
        writer.string(draws.perMille(.leadType) < 700 ? "straight" : "selection" as StaticString)
        writer.key("createMethod")
        let method = draws.perMille(.createMethod)
        writer.string(method < 500 ? "api" : method < 850 ? "form" : "manual" as StaticString)
        writer.key("isSecondary")
        if let isSecondary { writer.bool(isSecondary) } else { writer.null() }
        writer.key("previousLeadId")
        writeOptionalInt(previousLeadId, to: &writer)
        writer.key("nextLeadId")
        writeOptionalInt(nextLeadId, to: &writer)
        writer.key("planningCallDateTime")
        writePlanningCall(to: &writer)
        writer.key("priority")
        writePriority(to: &writer)
        writer.key("utcOffset")
        writeUTCOffset(to: &writer)
        writer.key("createdAt")
        DateShape.pick(
            perMille: draws.perMille(.createdShape), variant: draws.value(.createdShape, 1),
            unixSeconds: createdAtSeconds
        ).write(unixSeconds: createdAtSeconds, to: &writer)
        writer.key("updatedAt")
        DateShape.pick(
            perMille: draws.perMille(.updatedShape), variant: draws.value(.updatedShape, 1),
            unixSeconds: updatedAtSeconds
        ).write(unixSeconds: updatedAtSeconds, to: &writer)
        writer.key("orderId")
        writeNumber(Int64(orderId), asString: draws.perMille(.orderAsString) < Self.numericStringPerMille, to: &writer)
        writer.key("orderCode")
        writer.string(orderCode)
        writer.key("vkId")
        writeVKId(to: &writer)
        writer.key("instagramLogin")
        writeHandle(.instagram, plain: "ig_user_", at: "@ig.user.", to: &writer)
        writer.key("telegramUserName")
        writeHandle(.telegramUser, plain: "tg_user_", at: "@tg_user", to: &writer)
        writer.key("telegramPhone")
        writer.stringOrNull(rawTelegramPhone)
        writer.key("customValues")
        writeCustomValues(to: &writer)
        writeExtras(to: &writer)
        writer.endObject()
    }

    private func writeNumber(_ value: Int64, asString: Bool, to writer: inout JSONWriter) {
        if asString { writer.intAsString(value) } else { writer.int(value) }
    }

    private func writeOptionalInt(_ value: Int?, to writer: inout JSONWriter) {
        if let value { writer.int(value) } else { writer.null() }
    }

    /// 50% IPv4, 10% IPv6, 30% "", 10% null (documentation address ranges only).
    private func writeIP(to writer: inout JSONWriter) {
        let draw = draws.perMille(.ip)
        let host = Int(draws.value(.ip, 1) % 254) + 1
        if draw < 500 {
            writer.quoted(prefix: draw < 250 ? "203.0.113." : "198.51.100.", number: Int64(host))
        } else if draw < 600 {
            writer.quoted(prefix: "2001:db8::", number: Int64(host))
        } else if draw < 900 {
            writer.string("")
        } else {
            writer.null()
        }
    }

    private static let externalIdFields: [(StaticString, StaticString)] = [
        ("externalIdBitrix24", "B24-"), ("externalIdAmo", ""), ("externalIdMacro", "MACRO-"),
        ("externalIdDomoplaner", "DP-"),
    ]
    private static let planningGarbage = ["завтра", "после обеда", "0000-00-00 00:00:00", "в течение часа"]
    private static let utmSources = ["yandex", "google", "vk", "telegram"]

    /// Each id: a string most of the time, else "" or null; amoCRM's sometimes a bare number.
    private func writeExternalIds(to writer: inout JSONWriter) {
        for (slot, (key, prefix)) in Self.externalIdFields.enumerated() {
            writer.key(key)
            let draw = draws.perMille(.externalIds, UInt64(slot))
            let number = 30_000_000 + id * 7 + slot
            if draw < 400 {
                writer.quoted(prefix: prefix, number: Int64(number))
            } else if draw < 500 && slot == 1 {
                writer.int(number)
            } else if draw < 800 {
                writer.string("")
            } else {
                writer.null()
            }
        }
    }

    /// 35% null, 10% "", 5% garbage, 50% createdAt + 1...3 days in a varied date shape.
    private func writePlanningCall(to writer: inout JSONWriter) {
        let draw = draws.perMille(.planningShape)
        if draw < 350 {
            writer.null()
        } else if draw < 450 {
            writer.string("")
        } else if draw < 500 {
            writer.string(Self.planningGarbage[Int(draws.value(.planningHours) % 4)])
        } else {
            let seconds = createdAtSeconds + 86_400 + Int64(draws.below(48, .planningHours)) * 3600
            DateShape.pick(
                perMille: draws.perMille(.planningShape, 1), variant: draws.value(.planningShape, 2),
                unixSeconds: seconds
            ).write(unixSeconds: seconds, to: &writer)
        }
    }

    /// 90% a number 0...10, 5% the same as a string, 5% null.
    private func writePriority(to writer: inout JSONWriter) {
        let draw = draws.perMille(.priority)
        let value = Int64(draws.below(11, .priority, 1))
        if draw < 900 {
            writer.int(value)
        } else if draw < 950 {
            writer.intAsString(value)
        } else {
            writer.null()
        }
    }

    private static let wholeOffsets = [3, 3, 3, 3, 2, 4, 5, 7, 10, -5, 0, 12]
    private static let fractionalOffsetsTenths = [55, 35, -35, 95, 45]

    /// 65% whole hours, 10% fractional (5.5), 10% a numeric string ("3"), 5% a fractional
    /// string ("5.5"), 10% null.
    private func writeUTCOffset(to writer: inout JSONWriter) {
        let draw = draws.perMille(.utcOffset)
        let pick = draws.value(.utcOffset, 1)
        if draw < 650 {
            writer.int(Self.wholeOffsets[Int(pick % UInt64(Self.wholeOffsets.count))])
        } else if draw < 750 {
            writer.tenths(Self.fractionalOffsetsTenths[Int(pick % UInt64(Self.fractionalOffsetsTenths.count))])
        } else if draw < 850 {
            writer.intAsString(Int64(Self.wholeOffsets[Int(pick % UInt64(Self.wholeOffsets.count))]))
        } else if draw < 900 {
            writer.string("5.5" as StaticString)
        } else {
            writer.null()
        }
    }

    /// 30% numeric string, 10% number, 30% "", 30% null.
    private func writeVKId(to writer: inout JSONWriter) {
        let draw = draws.perMille(.vkId)
        let number = Int64(100_000 + Int(draws.value(.vkId, 1) % 900_000_000))
        if draw < 300 {
            writer.intAsString(number)
        } else if draw < 400 {
            writer.int(number)
        } else if draw < 700 {
            writer.string("")
        } else {
            writer.null()
        }
    }

    /// 30% "user_123", 10% "@user.123", 30% "", 30% null.
    private func writeHandle(_ salt: LeadSalt, plain: StaticString, at: StaticString, to writer: inout JSONWriter) {
        let draw = draws.perMille(salt)
        let number = Int64(draws.value(salt, 1) % 100_000)
        if draw < 300 {
            writer.quoted(prefix: plain, number: number)
        } else if draw < 400 {
            writer.quoted(prefix: at, number: number)
        } else if draw < 700 {
            writer.string("")
        } else {
            writer.null()
        }
    }

    /// 15% `[]` (PHP's empty map), 3% `{}`, else an object with about half of fields 10...17
    /// (each null 8% of the time) and, 3% of the time, the unknown id "99".
    private func writeCustomValues(to writer: inout JSONWriter) {
        let draw = draws.perMille(.customValues)
        if draw < 150 && revisedBudget == nil {
            writer.beginArray()
            writer.endArray()
            return
        }
        writer.beginObject()
        if draw >= 180 || revisedBudget != nil {
            var mask = draw >= 180 ? draws.value(.customValueParts) & 0xFF : 0
            if mask == 0 && draw >= 180 { mask = 1 }
            if revisedBudget != nil { mask |= 1 }
            for slot in 0..<8 where mask & (1 << UInt64(slot)) != 0 {
                writer.key(Self.customFieldKeys[slot])
                if slot == 0, let revisedBudget {
                    writer.string(revisedBudget)
                } else if draws.perMille(.customValueParts, UInt64(100 + slot)) < 80 {
                    writer.null()
                } else {
                    writeCustomValue(slot: slot, pick: draws.value(.customValueParts, UInt64(1 + slot)), to: &writer)
                }
            }
            if draw >= 180 && draws.perMille(.customValues, 1) < 30 {
                writer.key("99")
                writer.string("значение удалённого поля" as StaticString)
            }
        }
        writer.endObject()
    }

    private static let customFieldKeys: [StaticString] = ["10", "11", "12", "13", "14", "15", "16", "17"]
    private static let budgets = ["5 млн", "до 3 000 000 ₽", "3,5 млн; ипотека", "\"не важно\"", "", "=SUM(A1:A2)"]

    /// A value fitting the type of field `10 + slot`.
    private func writeCustomValue(slot: Int, pick: UInt64, to writer: inout JSONWriter) {
        let variant = Int(pick % 10)
        let payload = pick >> 8
        switch slot {
        case 0:  // string
            writer.string(Self.budgets[Int(payload % UInt64(Self.budgets.count))])
        case 1:  // int: number, or numeric string 30%
            let rooms = Int64(payload % 5) + 1
            if variant < 7 { writer.int(rooms) } else { writer.intAsString(rooms) }
        case 2:  // float: number with a fraction, whole number, or numeric string
            let tenths = 250 + Int(payload % 1500)
            if variant < 7 {
                writer.tenths(tenths)
            } else if variant < 9 {
                writer.int(tenths / 10)
            } else {
                writer.string("\(tenths / 10).\(tenths % 10)")
            }
        case 3:  // date "YYYY-MM-DD", a few days after creation
            let day = CivilTime(unixSeconds: createdAtSeconds + Int64(payload % 30) * 86_400, offsetSeconds: CivilTime.moscowOffsetSeconds)
            writer.byte(UInt8(ascii: "\""))
            writer.digits(day.year, width: 4)
            writer.byte(UInt8(ascii: "-"))
            writer.digits(day.month, width: 2)
            writer.byte(UInt8(ascii: "-"))
            writer.digits(day.day, width: 2)
            writer.byte(UInt8(ascii: "\""))
        case 4:  // datetime, ISO with Z or an offset
            let seconds = createdAtSeconds + Int64(payload % 720) * 600
            let shape: DateShape = variant < 5 ? .isoZulu : .isoOffset(minutes: 180)
            shape.write(unixSeconds: seconds, to: &writer)
        case 5:  // bool: true/false 60%, "1"/"0" 30%, 1/0 10%
            let value = payload & 1 == 1
            if variant < 6 {
                writer.bool(value)
            } else if variant < 9 {
                writer.string(value ? "1" : "0" as StaticString)
            } else {
                writer.int(value ? 1 : 0)
            }
        case 6:  // select: an option code
            writer.string(MockCustomField.sourceCodes[Int(payload % UInt64(MockCustomField.sourceCodes.count))])
        default:  // multiselect: an array of 0...3 distinct option codes
            let codes = MockCustomField.interestCodes
            let count = Int(payload % 4)
            let start = Int((payload >> 4) % UInt64(codes.count))
            writer.beginArray()
            for offset in 0..<count {
                writer.element()
                writer.string(codes[(start + offset) % codes.count])
            }
            writer.endArray()
        }
    }

    /// Fields the docs do not list: utmSource 5%, tags 3%, a nested meta object 2%.
    private func writeExtras(to writer: inout JSONWriter) {
        if draws.perMille(.extras) < 50 {
            writer.key("utmSource")
            writer.string(Self.utmSources[Int(draws.value(.extras, 10) % 4)])
        }
        if draws.perMille(.extras, 1) < 30 {
            writer.key("tags")
            writer.beginArray()
            writer.element()
            writer.string(draws.value(.extras, 11) & 1 == 0 ? "a" : "горячий" as StaticString)
            writer.element()
            writer.string(draws.value(.extras, 11) & 2 == 0 ? "b" : "vip" as StaticString)
            writer.endArray()
        }
        if draws.perMille(.extras, 2) < 20 {
            writer.key("meta")
            writer.beginObject()
            writer.key("widget")
            writer.string("quiz-v2" as StaticString)
            writer.key("score")
            writer.tenths(45)
            writer.key("steps")
            writer.beginArray()
            writer.element()
            writer.int(1)
            writer.element()
            writer.int(2)
            writer.endArray()
            writer.endObject()
        }
    }
}
