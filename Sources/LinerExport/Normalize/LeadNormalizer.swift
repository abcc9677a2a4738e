/// Turns one raw lead into a `Record` laid out by the run's columns.
///
/// Never fails and never drops a value: whatever cannot be read as its field's type is kept as the
/// text it came as and counted in `NormalizationWarnings`.
public struct LeadNormalizer: Sendable {
    public let layout: ColumnLayout
    /// Custom field ids the account or the pipeline knows; others are counted as unknown.
    let knownCustomFields: Set<Int>
    let phones: PhoneNormalizer?
    let parser: TimestampParser
    let formatter: TimestampFormatter

    /// - Parameter phones: nil keeps phones as they came.
    public init(
        layout: ColumnLayout, knownCustomFields: Set<Int>, phones: PhoneNormalizer?,
        parser: TimestampParser, formatter: TimestampFormatter
    ) {
        self.layout = layout
        self.knownCustomFields = knownCustomFields
        self.phones = phones
        self.parser = parser
        self.formatter = formatter
    }

    public func normalize(_ lead: JSONObject, warnings: inout NormalizationWarnings) -> Record {
        var phoneResults: [String: PhoneNormalization] = [:]
        var cells: [Cell] = []
        cells.reserveCapacity(layout.columns.count)
        let customValues = customValueMembers(of: lead, warnings: &warnings)
        for column in layout.columns {
            switch column.source {
            case .field(let field):
                cells.append(cell(field, of: lead, phoneResults: &phoneResults, warnings: &warnings))
            case .custom(let id):
                let value = customValues.first { $0.id == id.value }?.value
                cells.append(value.map(Self.customCell) ?? .empty)
            }
        }
        return Record(cells: cells, extras: extras(of: lead, customValues: customValues, warnings: &warnings))
    }

    private func cell(
        _ field: LeadField, of lead: JSONObject, phoneResults: inout [String: PhoneNormalization],
        warnings: inout NormalizationWarnings
    ) -> Cell {
        switch field.kind {
        case .phoneExtension(let phoneField):
            guard let phones, let raw = lead[phoneField]?.textValue else { return .empty }
            let result = phoneResults[phoneField] ?? phones.normalize(raw)
            phoneResults[phoneField] = result
            if case .valid(_, let phoneExtension?, _, _) = result { return .text(phoneExtension) }
            return .empty
        case .text:
            // "" stays "": text is kept exactly, and NDJSON tells an empty name from a missing one.
            return lead[field.name].map(Self.asText) ?? .empty
        default:
            guard let value = lead[field.name], !value.isEmptyValue else { return .empty }
            return typedCell(value, field: field, phoneResults: &phoneResults, warnings: &warnings)
        }
    }

    private func typedCell(
        _ value: JSONValue, field: LeadField, phoneResults: inout [String: PhoneNormalization],
        warnings: inout NormalizationWarnings
    ) -> Cell {
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
            let result = phoneResults[field.name] ?? phones.normalize(raw)
            phoneResults[field.name] = result
            switch result {
            case .valid(let formatted, _, _, _): return .phone(formatted)
            case .empty: return .empty
            case .invalid: warnings.record(.invalidPhone, field: field.name)
            }
        case .text, .phoneExtension:
            break
        }
        return Self.asText(value)
    }

    private func timestamp(_ value: JSONValue) -> Timestamp? {
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

    /// A custom value in the type it came as (typing by the field's declared type is the reference list's job).
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
