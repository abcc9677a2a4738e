/// Turns one raw lead into a `Record` laid out by the run's columns.
///
/// Never drops a value: whatever cannot be read as its field's type is kept as the text it came as
/// and counted in `NormalizationWarnings`. The one way it fails is an invalid phone under
/// `InvalidPhonePolicy.fail`, which the pipeline asked for.
public struct LeadNormalizer: Sendable {
    public let layout: ColumnLayout
    /// Custom field ids the account or the pipeline knows; others are counted as unknown.
    let knownCustomFields: Set<Int>
    let phones: PhoneNormalizer?
    let parser: TimestampParser
    let formatter: TimestampFormatter
    /// Custom field types and options, status and order titles.
    let references: ReferenceData
    let invalidPhones: InvalidPhonePolicy
    /// Leave secondary leads (duplicates of an earlier lead) out of the export.
    public let skipsSecondaryLeads: Bool
    /// What each column reads, resolved once here rather than per lead.
    let plans: [ColumnPlan]
    /// Ids of the custom fields that have a column, ascending.
    let customIDsWithColumns: [Int]
    /// The reference lists' texts by id, each a plain `String` to look up (copying a whole
    /// definition per cell retained all of its texts); nil when the list was not loaded.
    let statusTitles: [Int: String]?
    let statusCategories: [Int: String]?
    let orderTitles: [Int: String]?
    /// Whether `statusTitle` is a column (an unknown status is counted on it, else on the category).
    let hasStatusTitleColumn: Bool

    /// - Parameters:
    ///   - phones: nil keeps phones as they came.
    ///   - references: what the account's reference lists say; empty types custom values by what they look like.
    ///   - invalidPhones: what becomes of a phone libphonenumber rejects.
    ///   - skipsSecondaryLeads: see `isSecondary(_:)`.
    public init(
        layout: ColumnLayout, knownCustomFields: Set<Int>, phones: PhoneNormalizer?,
        parser: TimestampParser, formatter: TimestampFormatter, references: ReferenceData = ReferenceData(),
        invalidPhones: InvalidPhonePolicy = .keep, skipsSecondaryLeads: Bool = false
    ) {
        self.layout = layout
        self.knownCustomFields = knownCustomFields
        self.phones = phones
        self.parser = parser
        self.formatter = formatter
        self.references = references
        self.invalidPhones = invalidPhones
        self.skipsSecondaryLeads = skipsSecondaryLeads
        let customIDsWithColumns = layout.customColumnIndex.keys.sorted()
        self.plans = layout.columns.map { ColumnPlan($0, references: references, customIDs: customIDsWithColumns) }
        self.customIDsWithColumns = customIDsWithColumns
        self.statusTitles = references.statuses?.mapValues(\.title)
        self.statusCategories = references.statuses?.mapValues(\.category)
        self.orderTitles = references.orders?.mapValues(\.title)
        self.hasStatusTitleColumn = layout.hasStatusTitle
    }

    /// - Throws: `ExportError` only for an invalid phone when the policy is `fail`.
    public func normalize(_ lead: JSONObject, warnings: inout NormalizationWarnings) throws -> Record {
        let members = LeadMembers(lead, customIDs: customIDsWithColumns)
        var phoneResults = PhoneResults()
        var dates = LeadDates()
        var record = Record(columnCount: plans.count)
        for plan in plans {
            record.append(
                try cell(
                    plan, of: members, phoneResults: &phoneResults, dates: &dates,
                    warnings: &warnings))
        }
        record.extras = extras(of: members, warnings: &warnings)
        return record
    }

    /// Whether `lead` is secondary: `isSecondary` is true, or, when it is null or missing, the
    /// lead points back at an earlier one through `previousLeadId`.
    public static func isSecondary(_ lead: JSONObject) -> Bool {
        if let flag = lead["isSecondary"]?.boolValue { return flag }
        guard let previous = lead["previousLeadId"] else { return false }
        return !previous.isEmptyValue && previous.int64Value != 0
    }

    private func cell(
        _ plan: ColumnPlan, of members: LeadMembers, phoneResults: inout PhoneResults,
        dates: inout LeadDates, warnings: inout NormalizationWarnings
    ) throws -> Cell {
        switch plan.source {
        case .text:
            // "" stays "": text is kept exactly, and NDJSON tells an empty name from a missing one.
            return members[plan.slot].map(Self.asText) ?? .empty
        case .integer, .number, .boolean, .dateTime, .phone:
            guard let value = members[plan.slot], !value.isEmptyValue else { return .empty }
            return try typedCell(
                value, plan: plan, of: members, phoneResults: &phoneResults, dates: &dates, warnings: &warnings)
        case .phoneExtension, .phoneValid, .phoneRegion, .phoneType:
            guard let phones, let raw = members[plan.slot]?.textValue else { return .empty }
            let result = phoneResults.result(for: plan.fieldName, raw: raw, phones: phones)
            return Self.phoneDetail(plan.source, of: result)
        case .clientTime:
            return clientTime(members[plan.slot], slot: plan.slot, of: members, dates: &dates)
        case .statusTitle:
            return referenceCell(.statusTitle, of: members, warnings: &warnings)
        case .statusCategory:
            return referenceCell(.statusCategory, of: members, warnings: &warnings)
        case .orderTitle:
            return referenceCell(.orderTitle, of: members, warnings: &warnings)
        case .custom(let type):
            guard let value = members.customValue(ordinal: plan.customOrdinal) else { return .empty }
            return customCell(value, id: plan.customID, type: type, warnings: &warnings)
        }
    }

    private func typedCell(
        _ value: JSONValue, plan: ColumnPlan, of members: LeadMembers, phoneResults: inout PhoneResults,
        dates: inout LeadDates, warnings: inout NormalizationWarnings
    ) throws -> Cell {
        switch plan.source {
        case .integer:
            if let integer = value.int64Value { return .integer(integer) }
            warnings.record(.notAnInteger, field: plan.fieldName)
        case .number:
            if let literal = value.numberLiteral { return .number(literal) }
            warnings.record(.notANumber, field: plan.fieldName)
        case .boolean:
            if let boolean = value.boolValue { return .boolean(boolean) }
            warnings.record(.notABoolean, field: plan.fieldName)
        case .dateTime:
            if let timestamp = dates.timestamp(atSlot: plan.slot, { timestamp(value) }) {
                return .dateTime(timestamp, iso8601: formatter.iso8601Text(timestamp))
            }
            warnings.record(.unparseableDate, field: plan.fieldName)
        case .phone:
            guard let phones, let raw = value.textValue else { break }
            switch phoneResults.result(for: plan.fieldName, raw: raw, phones: phones) {
            case .valid(let formatted, _, _, _): return .phone(formatted)
            case .empty: return .empty
            case .invalid:
                warnings.record(.invalidPhone, field: plan.fieldName)
                switch invalidPhones {
                case .keep: break
                case .empty: return .empty
                case .fail:
                    let id = members[LeadKeys.id]?.textValue ?? "without id"
                    throw ExportError.badResponse(
                        "lead \(id): \(plan.fieldName) is not a valid phone number, and normalize.phones.invalid is \"fail\"; "
                            + "nothing was published")
                }
            }
        default:
            break
        }
        return Self.asText(value)
    }

    func timestamp(_ value: JSONValue) -> Timestamp? {
        switch value {
        case .number(let literal): return Double(literal).flatMap { parser.parse(unixNumber: $0) }
        case .string(let text): return parser.parse(text)
        default: return nil
        }
    }

    /// A value kept as it came: text stays text, anything else keeps its JSON shape.
    static func asText(_ value: JSONValue) -> Cell {
        switch value {
        case .null: return .empty
        case .string(let text): return .text(text)
        case .number(let literal): return .text(literal)
        case .bool(let flag): return .text(flag ? "true" : "false")
        case .array, .object: return .json(value)
        }
    }
}
