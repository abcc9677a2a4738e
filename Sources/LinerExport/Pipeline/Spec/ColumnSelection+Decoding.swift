/// Reading one of `columns` from a pipeline file: a string, or `{"field": ..., "as": ...}`; a field
/// name must name a lead field or `custom.<id>`.
extension ColumnSelection: Decodable {
    private enum CodingKeys: String, CodingKey, CaseIterable { case field, `as` }

    public init(from decoder: Decoder) throws {
        if let text = try? decoder.singleValueContainer().decode(String.self) {
            switch text {
            case "*": self = .all
            case "default": self = .defaults
            case "custom.*": self = .allCustomFields
            default:
                try Self.validate(field: text, codingPath: decoder.codingPath)
                self = .field(text, title: nil)
            }
            return
        }
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let field = try container.decode(String.self, forKey: .field)
        try Self.validate(field: field, codingPath: decoder.codingPath + [CodingKeys.field])
        let title = try container.decodeIfPresent(String.self, forKey: .as)
        if let title, title.isEmpty {
            throw DecodingError.dataCorruptedError(
                forKey: .as, in: container, debugDescription: "expected a non-empty column name, got \"\"")
        }
        self = .field(field, title: title)
    }

    private static func validate(field: String, codingPath: [CodingKey]) throws {
        guard LeadField.named(field) == nil, CustomFieldID(columnKey: field) == nil else { return }
        throw DecodingError.dataCorrupted(.init(
            codingPath: codingPath,
            debugDescription: "expected \"*\", \"default\", \"custom.*\", \"custom.<id>\" or a lead field "
                + "(\(LeadField.all.map(\.name).joined(separator: ", "))), got \"\(field)\""))
    }
}
