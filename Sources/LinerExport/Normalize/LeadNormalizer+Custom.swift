import Foundation
import LinerJSON

extension LeadNormalizer {
    /// Appends a custom value typed by its field's declared `type` from the account's list: `int`,
    /// `float`, `bool`, `date` and `datetime` become real types, a `select` code its option's title, a
    /// `multiselect` array a list of titles. A value that does not fit its type (or a code with no
    /// option) is kept as it came and counted. Fields the list does not describe keep the type
    /// their value came as.
    /// `type` is the declared type of the field `plan.customID`, read once per normalizer.
    func appendCustom(
        _ value: JSONValue, plan: ColumnPlan, type: CustomFieldType, to record: inout Record,
        warnings: inout NormalizationWarnings
    ) {
        if type == .undescribed { return record.append(Self.customCell(value)) }
        if value.isNull { return record.appendEmpty() }
        if case .string(let text) = value, type != .string, Self.isBlank(text) { return record.appendEmpty() }
        let id = plan.customID
        switch type {
        case .int:
            if let integer = value.int64Value { return record.appendInteger(integer) }
            warnings.record(.notAnInteger, field: CustomFieldID(id).columnKey, value: RejectedValue.text(of: value))
        case .float:
            if let literal = value.numberLiteral { return record.appendText(literal, kind: .number) }
            warnings.record(.notANumber, field: CustomFieldID(id).columnKey, value: RejectedValue.text(of: value))
        case .bool:
            if let flag = value.boolValue { return record.appendBoolean(flag) }
            warnings.record(.notABoolean, field: CustomFieldID(id).columnKey, value: RejectedValue.text(of: value))
        case .date:
            if let date = calendarDate(value) { return record.appendText(date, kind: .date) }
            warnings.record(.unparseableDate, field: CustomFieldID(id).columnKey, value: RejectedValue.text(of: value))
        case .datetime:
            if let timestamp = timestamp(value) {
                return record.appendDateTime(timestamp, iso8601: formatter.iso8601Text(timestamp))
            }
            warnings.record(.unparseableDate, field: CustomFieldID(id).columnKey, value: RejectedValue.text(of: value))
        case .select:
            let options = customOptions[plan.customOrdinal]
            if let code = value.textValue {
                return record.appendText(optionTitle(code, of: options, id: id, warnings: &warnings))
            }
            if case .array(let codes) = value, codes.count == 1, let code = codes[0].textValue {
                return record.appendText(optionTitle(code, of: options, id: id, warnings: &warnings))
            }
            warnings.record(.unknownOption, field: CustomFieldID(id).columnKey, value: RejectedValue.text(of: value))
        case .multiselect:
            let options = customOptions[plan.customOrdinal]
            switch value {
            case .array(let codes) where codes.allSatisfy({ $0.textValue != nil }):
                return record.append(
                    .list(codes.map { optionTitle($0.textValue!, of: options, id: id, warnings: &warnings) }))
            case .object(let object) where object.members.allSatisfy({ $0.value.textValue != nil }):
                // PHP turns a list with gaps into a map; its values are still the codes.
                return record.append(
                    .list(object.members.map { optionTitle($0.value.textValue!, of: options, id: id, warnings: &warnings) }))
            case .string, .number:
                return record.append(.list([optionTitle(value.textValue!, of: options, id: id, warnings: &warnings)]))
            default:
                warnings.record(.unknownOption, field: CustomFieldID(id).columnKey, value: RejectedValue.text(of: value))
            }
        case .string, .other, .undescribed:
            return record.append(Self.customCell(value))
        }
        Self.appendAsText(value, to: &record)
    }

    /// Whether every character is whitespace (also when there is none); a printable ASCII first byte
    /// settles it without decoding characters, as most values have one.
    private static func isBlank(_ text: String) -> Bool {
        if let first = text.utf8.first, (0x21...0x7E).contains(first) { return false }
        return text.allSatisfy(\.isWhitespace)
    }

    /// A select code's title from the field's `options`; an unknown code is kept (and counted), so
    /// the value is never lost.
    private func optionTitle(
        _ code: String, of options: [String: String], id: Int, warnings: inout NormalizationWarnings
    ) -> String {
        if let title = options[code] { return title }
        if let title = options[code.trimmingCharacters(in: .whitespaces)] { return title }
        warnings.record(.unknownOption, field: CustomFieldID(id).columnKey, value: code)
        return code
    }

    /// A `date` value as ISO `YYYY-MM-DD`: `2024-03-01` and `01.03.2024` as written (no zone
    /// shifts a calendar date); a date-time or Unix time as its date in the output zone.
    func calendarDate(_ value: JSONValue) -> String? {
        if case .string(let text) = value, Self.isValidISODate(text) { return text }
        guard let text = value.textValue?.trimmingCharacters(in: .whitespaces) else { return nil }
        let parts: [Substring]
        if text.count == 10, text.dropFirst(4).first == "-" {
            parts = text.split(separator: "-")
            if parts.count == 3, let date = Self.validDate(year: parts[0], month: parts[1], day: parts[2]) { return date }
        } else if text.count == 10, text.dropFirst(2).first == "." {
            parts = text.split(separator: ".")
            if parts.count == 3, let date = Self.validDate(year: parts[2], month: parts[1], day: parts[0]) { return date }
        }
        guard let timestamp = timestamp(value) else { return nil }
        let local = formatter.localComponents(timestamp)
        return Self.isoDate(year: local.year, month: local.month, day: local.day)
    }

    /// Whether `text` is exactly `YYYY-MM-DD` in digits, a real day, year 0001 or later: then it is
    /// already its own ISO form, and checking its bytes spares the general path's string work.
    private static func isValidISODate(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return false }
            func number(_ range: Range<Int>) -> Int? {
                var value = 0
                for index in range {
                    let digit = bytes[index] &- UInt8(ascii: "0")
                    guard digit < 10 else { return nil }
                    value = value * 10 + Int(digit)
                }
                return value
            }
            guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else { return false }
            return year >= 1 && CivilDate(year: year, month: month, day: day).isValid
        }
    }

    private static func validDate(year: Substring, month: Substring, day: Substring) -> String? {
        guard year.count == 4, month.count == 2, day.count == 2, let y = Int(year), let m = Int(month), let d = Int(day),
            CivilDate(year: y, month: m, day: d).isValid
        else { return nil }
        return isoDate(year: y, month: m, day: d)
    }

    private static func isoDate(year: Int, month: Int, day: Int) -> String? {
        guard (1...9999).contains(year) else { return nil }
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// A custom value in the type it came as, for fields the account's list does not describe.
    static func customCell(_ value: JSONValue) -> Cell {
        switch value {
        case .null: return .empty
        case .string(let text): return text.isEmpty ? .empty : .text(text)
        case .number(let literal): return .number(literal)
        case .bool(let flag): return .boolean(flag)
        case .array, .object: return .json(value)
        }
    }
}
