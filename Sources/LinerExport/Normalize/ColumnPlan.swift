/// What one column reads from a lead, resolved once per normalizer from its `Column`.
///
/// Plain values only (no strings, no definitions): a plan is read for every column of every lead,
/// and copying a `LeadField` or a `CustomFieldDefinition` there cost retains and releases.
struct ColumnPlan: Sendable {
    enum Source: Sendable, Equatable {
        /// A raw field of the lead, read at `slot` and typed as its `LeadField.Kind` says.
        case text, integer, number, boolean, dateTime, phone
        /// A detail of the phone field at `slot`.
        case phoneExtension, phoneValid, phoneRegion, phoneType
        /// The date field at `slot` as the client's wall clock.
        case clientTime
        /// Titles from the account's reference lists.
        case statusTitle, statusCategory, orderTitle
        /// The custom field `customID`, of the type the account's list declares.
        case custom(CustomFieldType)
    }

    let source: Source
    /// The `LeadKeys` slot of the raw key the column reads; -1 for references and custom fields.
    let slot: Int
    /// The custom field id, for `.custom`.
    let customID: Int
    /// The custom field's index among the ids with a column (see `LeadMembers.customValue(ordinal:)`).
    let customOrdinal: Int

    /// The raw key at `slot`: the field's name, or the phone's or date's a derived column reads.
    var fieldName: String { LeadKeys.names[slot] }

    /// - Parameter customIDs: ids of the custom fields that have a column, ascending.
    init(_ column: Column, references: ReferenceData, customIDs: [Int]) {
        switch column.source {
        case .custom(let id):
            source = .custom(CustomFieldType(references.customFields[id.value]?.type))
            slot = -1
            customID = id.value
            customOrdinal = LeadMembers.ordinal(of: id.value, in: customIDs)!
        case .field(let field):
            customID = -1
            customOrdinal = -1
            switch field.kind {
            case .text: (source, slot) = (.text, LeadKeys.slot(of: field.name))
            case .integer: (source, slot) = (.integer, LeadKeys.slot(of: field.name))
            case .number: (source, slot) = (.number, LeadKeys.slot(of: field.name))
            case .boolean: (source, slot) = (.boolean, LeadKeys.slot(of: field.name))
            case .dateTime: (source, slot) = (.dateTime, LeadKeys.slot(of: field.name))
            case .phone: (source, slot) = (.phone, LeadKeys.slot(of: field.name))
            case .phoneExtension(let phone): (source, slot) = (.phoneExtension, LeadKeys.slot(of: phone))
            case .phoneValid(let phone): (source, slot) = (.phoneValid, LeadKeys.slot(of: phone))
            case .phoneRegion(let phone): (source, slot) = (.phoneRegion, LeadKeys.slot(of: phone))
            case .phoneType(let phone): (source, slot) = (.phoneType, LeadKeys.slot(of: phone))
            case .clientTime(let date): (source, slot) = (.clientTime, LeadKeys.slot(of: date))
            case .reference(.statusTitle): (source, slot) = (.statusTitle, -1)
            case .reference(.statusCategory): (source, slot) = (.statusCategory, -1)
            case .reference(.orderTitle): (source, slot) = (.orderTitle, -1)
            }
        }
    }
}

/// A custom field's declared `type`, read once per normalizer rather than compared as text per value.
enum CustomFieldType: Sendable, Equatable {
    /// The account's list does not describe the field: values keep the type they came as.
    case undescribed
    case string, int, float, bool, date, datetime, select, multiselect
    /// A type this exporter does not know: values keep the type they came as.
    case other

    init(_ declared: String?) {
        switch declared {
        case nil: self = .undescribed
        case "string": self = .string
        case "int": self = .int
        case "float": self = .float
        case "bool": self = .bool
        case "date": self = .date
        case "datetime": self = .datetime
        case "select": self = .select
        case "multiselect": self = .multiselect
        default: self = .other
        }
    }
}
