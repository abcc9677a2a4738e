import LinerJSON

extension LeadNormalizer {
    /// A phone's extension, validity, region or line type.
    static func phoneDetail(_ detail: ColumnPlan.Source, of result: PhoneNormalization) -> Cell {
        switch (detail, result) {
        case (_, .empty): return .empty
        case (.phoneValid, .invalid): return .boolean(false)
        case (.phoneValid, .valid): return .boolean(true)
        case (.phoneExtension, .valid(_, let phoneExtension?, _, _)): return .text(phoneExtension)
        case (.phoneRegion, .valid(_, _, let region, _)): return region.isEmpty ? .empty : .text(region)
        case (.phoneType, .valid(_, _, _, let lineType)): return .text(lineType.rawValue)
        default: return .empty
        }
    }

    /// A date field as the client's wall clock, from the lead's `utcOffset` in hours (fractional
    /// offsets such as 5.5 or 5.75 included, −12 to +14): `2024-01-01T08:30:00+05:30`. Empty when
    /// either is missing or unreadable (those are counted on their own columns).
    /// `value` is the lead's field at `slot`; `dates` keeps its instant for the field's own column.
    func appendClientTime(
        _ value: JSONValue?, slot: Int, of members: LeadMembers, to record: inout Record, dates: inout LeadDates
    ) {
        guard let value, !value.isEmptyValue,
            let offsetSeconds = dates.clientOffsetSeconds({
                guard let hours = members[LeadKeys.utcOffset]?.doubleValue, (-12...14).contains(hours) else { return nil }
                return Int((hours * 3600).rounded())
            }),
            let timestamp = dates.timestamp(atSlot: slot, { timestamp(value) })
        else { return record.appendEmpty() }
        record.appendDateTime(
            timestamp, iso8601: TimestampFormatter.iso8601Text(timestamp, fixedOffsetSeconds: offsetSeconds))
    }

    /// Appends a status or order title looked up by the lead's id; empty when the lead has no id or
    /// the list was not loaded, and empty and counted when the list lacks the id.
    func appendReference(
        _ reference: LeadField.ReferenceField, of members: LeadMembers, to record: inout Record,
        warnings: inout NormalizationWarnings
    ) {
        guard let raw = members[reference == .orderTitle ? LeadKeys.orderId : LeadKeys.statusId], !raw.isEmptyValue,
            let id = raw.int64Value
        else { return record.appendEmpty() }
        let texts: TextsByID?
        switch reference {
        case .statusTitle: texts = statusTitles
        case .statusCategory: texts = statusCategories
        case .orderTitle: texts = orderTitles
        }
        guard let texts else { return record.appendEmpty() }
        let isListed = texts.withText(id: id) { text in
            if text.isEmpty { record.appendEmpty() } else { record.appendBytes(text, kind: .text) }
        } != nil
        guard !isListed else { return }
        // An id the loaded list lacks: an empty cell, counted.
        record.appendEmpty()
        switch reference {
        case .orderTitle:
            warnings.record(.unknownOrder, field: "orderId", value: RejectedValue.text(of: raw))
        case .statusTitle, .statusCategory:
            // Once per lead: on the title, or on the category when the title is not a column.
            if reference == .statusTitle || !hasStatusTitleColumn { warnings.record(.unknownStatus, field: "statusId", value: RejectedValue.text(of: raw)) }
        }
    }
}
