import LinerJSON

/// One custom field of the account, from `GET /v2/custom-field/?essence=leads`.
public struct CustomFieldDefinition: Sendable, Equatable {
    public let id: Int
    public let title: String
    /// `string`, `int`, `float`, `date`, `datetime`, `bool`, `select`, `multiselect`.
    public let type: String
    public let sort: Int
    /// Select and multiselect fields: option title by the code leads store.
    public let options: [String: String]

    public init(id: Int, title: String, type: String, sort: Int, options: [String: String] = [:]) {
        self.id = id
        self.title = title
        self.type = type
        self.sort = sort
        self.options = options
    }
}

extension LinerClient {
    /// The account's lead custom fields, ordered by `sort` then id. Tries both documented spellings of
    /// the path; the data may be a bare list or `{"list": [...]}`.
    public func leadCustomFields() async throws -> [CustomFieldDefinition] {
        let items = try await referenceList(paths: ["/v2/custom-field/", "/v2/custom-fields/"], query: [("essence", "leads")])
        let fields = items.compactMap { field -> CustomFieldDefinition? in
            guard let id = field["id"]?.int64Value else { return nil }
            if let essence = field["essence"]?.stringValue, essence != "leads" { return nil }
            return CustomFieldDefinition(
                id: Int(id), title: field["title"]?.textValue ?? "", type: field["type"]?.stringValue ?? "string",
                sort: field["sort"]?.int64Value.map { Int($0) } ?? 0, options: Self.options(field["params"]))
        }
        return fields.sorted { ($0.sort, $0.id) < ($1.sort, $1.id) }
    }

    /// A select's options: `params` as `{"options": [...]}` or a bare list of `{code, title}`
    /// (codes may be numbers); `[]` (PHP's empty map) has none.
    static func options(_ params: JSONValue?) -> [String: String] {
        var list: [JSONValue] = []
        switch params {
        case .array(let values): list = values
        case .object(let object): if case .array(let values)? = object["options"] { list = values }
        default: break
        }
        var options: [String: String] = [:]
        for case .object(let option) in list {
            guard let code = option["code"]?.textValue ?? option["id"]?.textValue else { continue }
            options[code] = option["title"]?.textValue ?? code
        }
        return options
    }
}
