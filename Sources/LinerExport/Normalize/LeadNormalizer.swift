import LinerJSON

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
    let invalidPhones: InvalidPhonePolicy
    /// Leave secondary leads (duplicates of an earlier lead) out of the export.
    public let skipsSecondaryLeads: Bool
    /// What each column reads, resolved once here rather than per lead.
    let plans: [ColumnPlan]
    /// Ids of the custom fields that have a column, ascending.
    let customIDsWithColumns: [Int]
    /// The reference lists' texts by id, as bytes to copy into the record (copying a whole
    /// definition per cell retained all of its texts); nil when the list was not loaded.
    let statusTitles: TextsByID?
    let statusCategories: TextsByID?
    let orderTitles: TextsByID?
    /// Select and multiselect options (title by code) of each custom column, by its ordinal.
    let customOptions: [[String: String]]
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
        self.invalidPhones = invalidPhones
        self.skipsSecondaryLeads = skipsSecondaryLeads
        let customIDsWithColumns = layout.customColumnIndex.keys.sorted()
        self.plans = layout.columns.map { ColumnPlan($0, references: references, customIDs: customIDsWithColumns) }
        self.customIDsWithColumns = customIDsWithColumns
        self.statusTitles = references.statuses.map { TextsByID($0.mapValues(\.title)) }
        self.statusCategories = references.statuses.map { TextsByID($0.mapValues(\.category)) }
        self.orderTitles = references.orders.map { TextsByID($0.mapValues(\.title)) }
        self.customOptions = customIDsWithColumns.map { references.customFields[$0]?.options ?? [:] }
        self.hasStatusTitleColumn = layout.hasStatusTitle
    }

    /// - Throws: `ExportError` only for an invalid phone when the policy is `fail`.
    public func normalize(_ lead: JSONObject, warnings: inout NormalizationWarnings) throws -> Record {
        let members = LeadMembers(lead, customIDs: customIDsWithColumns)
        var phoneResults = PhoneResults()
        var dates = LeadDates()
        var record = Record(columnCount: plans.count)
        for plan in plans {
            try appendCell(
                plan, of: members, to: &record, phoneResults: &phoneResults, dates: &dates, warnings: &warnings)
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

    /// Appends the cell of column `plan` to `record`.
    private func appendCell(
        _ plan: ColumnPlan, of members: LeadMembers, to record: inout Record, phoneResults: inout PhoneResults,
        dates: inout LeadDates, warnings: inout NormalizationWarnings
    ) throws {
        switch plan.source {
        case .text:
            // "" stays "": text is kept exactly, and NDJSON tells an empty name from a missing one.
            guard let value = members[plan.slot] else { return record.appendEmpty() }
            Self.appendAsText(value, to: &record)
        case .integer, .number, .boolean, .dateTime, .phone:
            guard let value = members[plan.slot], !value.isEmptyValue else { return record.appendEmpty() }
            try appendTyped(
                value, plan: plan, of: members, to: &record, phoneResults: &phoneResults, dates: &dates,
                warnings: &warnings)
        case .phoneExtension, .phoneValid, .phoneRegion, .phoneType:
            guard let phones, let raw = members[plan.slot]?.textValue else { return record.appendEmpty() }
            let result = phoneResults.result(for: plan.fieldName, raw: raw, phones: phones)
            record.append(Self.phoneDetail(plan.source, of: result))
        case .clientTime:
            appendClientTime(members[plan.slot], slot: plan.slot, of: members, to: &record, dates: &dates)
        case .statusTitle:
            appendReference(.statusTitle, of: members, to: &record, warnings: &warnings)
        case .statusCategory:
            appendReference(.statusCategory, of: members, to: &record, warnings: &warnings)
        case .orderTitle:
            appendReference(.orderTitle, of: members, to: &record, warnings: &warnings)
        case .custom(let type):
            guard let value = members.customValue(ordinal: plan.customOrdinal) else { return record.appendEmpty() }
            appendCustom(value, plan: plan, type: type, to: &record, warnings: &warnings)
        }
    }

    private func appendTyped(
        _ value: JSONValue, plan: ColumnPlan, of members: LeadMembers, to record: inout Record,
        phoneResults: inout PhoneResults, dates: inout LeadDates, warnings: inout NormalizationWarnings
    ) throws {
        switch plan.source {
        case .integer:
            if let integer = value.int64Value { return record.appendInteger(integer) }
            warnings.record(.notAnInteger, field: plan.fieldName, value: RejectedValue.text(of: value))
        case .number:
            if let literal = value.numberLiteral { return record.appendText(literal, kind: .number) }
            warnings.record(.notANumber, field: plan.fieldName, value: RejectedValue.text(of: value))
        case .boolean:
            if let boolean = value.boolValue { return record.appendBoolean(boolean) }
            warnings.record(.notABoolean, field: plan.fieldName, value: RejectedValue.text(of: value))
        case .dateTime:
            if let timestamp = dates.timestamp(atSlot: plan.slot, { timestamp(value) }) {
                return record.appendDateTime(timestamp, iso8601: formatter.iso8601Text(timestamp))
            }
            warnings.record(.unparseableDate, field: plan.fieldName, value: RejectedValue.text(of: value))
        case .phone:
            guard let phones, let raw = value.textValue else { break }
            switch phoneResults.result(for: plan.fieldName, raw: raw, phones: phones) {
            case .valid(let formatted, _, _, _): return record.appendText(formatted, kind: .phone)
            case .empty: return record.appendEmpty()
            case .invalid:
                warnings.record(.invalidPhone, field: plan.fieldName, value: RejectedValue.text(of: value))
                switch invalidPhones {
                case .keep: break
                case .empty: return record.appendEmpty()
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
        Self.appendAsText(value, to: &record)
    }

    func timestamp(_ value: JSONValue) -> Timestamp? {
        switch value {
        case .number(let literal): return Double(literal).flatMap { parser.parse(unixNumber: $0) }
        case .string(let text): return parser.parse(text)
        default: return nil
        }
    }

    /// A value kept as it came: text stays text, anything else keeps its JSON shape.
    static func appendAsText(_ value: JSONValue, to record: inout Record) {
        switch value {
        case .null: record.appendEmpty()
        case .string(let text): record.appendText(text)
        case .number(let literal): record.appendText(literal)
        case .bool(let flag): record.appendText(flag ? "true" : "false")
        case .array, .object: record.append(.json(value))
        }
    }
}
