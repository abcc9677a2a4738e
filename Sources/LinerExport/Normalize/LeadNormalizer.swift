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
    }

    /// - Throws: `ExportError` only for an invalid phone when the policy is `fail`.
    public func normalize(_ lead: JSONObject, warnings: inout NormalizationWarnings) throws -> Record {
        var phoneResults = PhoneResults()
        var cells: [Cell] = []
        cells.reserveCapacity(layout.columns.count)
        let customValues = customValueMembers(of: lead, warnings: &warnings)
        for column in layout.columns {
            switch column.source {
            case .field(let field):
                cells.append(try cell(field, of: lead, phoneResults: &phoneResults, warnings: &warnings))
            case .custom(let id):
                let value = customValues.first { $0.id == id.value }?.value
                cells.append(value.map { customCell($0, id: id.value, warnings: &warnings) } ?? .empty)
            }
        }
        return Record(cells: cells, extras: extras(of: lead, customValues: customValues, warnings: &warnings))
    }

    /// Whether `lead` is secondary: `isSecondary` is true, or, when it is null or missing, the
    /// lead points back at an earlier one through `previousLeadId`.
    public static func isSecondary(_ lead: JSONObject) -> Bool {
        if let flag = lead["isSecondary"]?.boolValue { return flag }
        guard let previous = lead["previousLeadId"] else { return false }
        return !previous.isEmptyValue && previous.int64Value != 0
    }

    private func cell(
        _ field: LeadField, of lead: JSONObject, phoneResults: inout PhoneResults, warnings: inout NormalizationWarnings
    ) throws -> Cell {
        switch field.kind {
        case .phoneExtension(let phoneField), .phoneValid(let phoneField), .phoneRegion(let phoneField),
            .phoneType(let phoneField):
            guard let phones, let raw = lead[phoneField]?.textValue else { return .empty }
            return Self.phoneDetail(field.kind, of: phoneResults.result(for: phoneField, raw: raw, phones: phones))
        case .clientTime(let dateField):
            return clientTime(lead[dateField], utcOffset: lead["utcOffset"])
        case .reference(let reference):
            return referenceCell(reference, of: lead, warnings: &warnings)
        case .text:
            // "" stays "": text is kept exactly, and NDJSON tells an empty name from a missing one.
            return lead[field.name].map(Self.asText) ?? .empty
        default:
            guard let value = lead[field.name], !value.isEmptyValue else { return .empty }
            return try typedCell(value, field: field, of: lead, phoneResults: &phoneResults, warnings: &warnings)
        }
    }

    private func typedCell(
        _ value: JSONValue, field: LeadField, of lead: JSONObject, phoneResults: inout PhoneResults,
        warnings: inout NormalizationWarnings
    ) throws -> Cell {
        switch field.kind {
        case .integer:
            if let integer = value.int64Value { return .integer(integer) }
            warnings.record(.notAnInteger, field: field.name)
        case .number:
            if let literal = value.numberLiteral { return .number(literal) }
            warnings.record(.notANumber, field: field.name)
        case .boolean:
            if let boolean = value.boolValue { return .boolean(boolean) }
            warnings.record(.notABoolean, field: field.name)
        case .dateTime:
            if let timestamp = timestamp(value) {
                return .dateTime(timestamp, iso8601: formatter.iso8601(timestamp))
            }
            warnings.record(.unparseableDate, field: field.name)
        case .phone:
            guard let phones, let raw = value.textValue else { break }
            switch phoneResults.result(for: field.name, raw: raw, phones: phones) {
            case .valid(let formatted, _, _, _): return .phone(formatted)
            case .empty: return .empty
            case .invalid:
                warnings.record(.invalidPhone, field: field.name)
                switch invalidPhones {
                case .keep: break
                case .empty: return .empty
                case .fail:
                    let id = lead["id"]?.textValue ?? "without id"
                    throw ExportError.badResponse(
                        "lead \(id): \(field.name) is not a valid phone number, and normalize.phones.invalid is \"fail\"; "
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
