/// One custom field of the account, from `GET /v2/custom-field/?essence=leads`.
public struct CustomFieldDefinition: Sendable, Equatable {
    public let id: Int
    public let title: String
    /// `string`, `int`, `float`, `date`, `datetime`, `bool`, `select`, `multiselect`.
    public let type: String
    public let sort: Int
}

extension LinerClient {
    /// The account's lead custom fields, ordered by `sort` then id. Tries both documented spellings of
    /// the path; the data may be a bare list or `{"list": [...]}`.
    public func leadCustomFields() async throws -> [CustomFieldDefinition] {
        let data: JSONValue
        do {
            data = try await get("/v2/custom-field/", query: [("essence", "leads")])
        } catch let error as ExportError where error.kind == "bad_response" {
            data = try await get("/v2/custom-fields/", query: [("essence", "leads")])
        }
        let items: [JSONValue]
        switch data {
        case .array(let list): items = list
        case .object(let object): if case .array(let list)? = object["list"] { items = list } else { items = [] }
        default: items = []
        }
        let fields = items.compactMap { item -> CustomFieldDefinition? in
            guard case .object(let field) = item, let id = field["id"]?.int64Value else { return nil }
            if let essence = field["essence"]?.stringValue, essence != "leads" { return nil }
            return CustomFieldDefinition(
                id: Int(id), title: field["title"]?.textValue ?? "", type: field["type"]?.stringValue ?? "string",
                sort: field["sort"]?.int64Value.map { Int($0) } ?? 0)
        }
        return fields.sorted { ($0.sort, $0.id) < ($1.sort, $1.id) }
    }
}
