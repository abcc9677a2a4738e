import LinerJSON

/// One page of `GET /v2/lead/`.
public struct LeadPage: Sendable {
    /// The offset this page was requested at.
    public let offset: Int
    public let leads: [JSONObject]
    /// The offset the server says comes next; nil when it sent null, nothing, or not a number.
    public let next: Int?
    /// The count of all matching leads, when the server sent it.
    public let total: Int?

    /// Reads the envelope's `data`.
    /// - Throws: `ExportError.badResponse` when `data.list` is not a list of objects.
    init(offset: Int, data: JSONValue) throws {
        guard case .object(let object) = data, case .array(let items)? = object["list"] else {
            throw ExportError.badResponse("GET /v2/lead/ at offset \(offset): the response has no \"data.list\" array")
        }
        var leads: [JSONObject] = []
        leads.reserveCapacity(items.count)
        for item in items {
            guard case .object(let lead) = item else {
                throw ExportError.badResponse("GET /v2/lead/ at offset \(offset): \"data.list\" holds something that is not a lead object")
            }
            leads.append(lead)
        }
        self.offset = offset
        self.leads = leads
        next = object["next"]?.int64Value.map { Int($0) }
        total = object["total"]?.int64Value.map { Int($0) }
    }
}
