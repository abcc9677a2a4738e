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

    /// The largest `total` believed: no account holds a billion leads in one range, and every count
    /// planned from `total` (pages, windows, offsets) stays far from overflowing below it.
    static let maxPlausibleTotal = 1_000_000_000

    /// Reads the envelope's `data`.
    /// - Throws: `ExportError.badResponse` when `data.list` is not a list of objects, or `total` is there
    ///   but not a lead count in `0...maxPlausibleTotal` (negative, fractional, absurdly large).
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
        if let value = object["total"], !value.isNull {
            guard let count = value.int64Value, (0...Int64(Self.maxPlausibleTotal)).contains(count) else {
                var text: [UInt8] = []
                JSONWriter.append(value, to: &text)
                let shown = String(decoding: text.prefix(80), as: UTF8.self)
                throw ExportError.badResponse(
                    "GET /v2/lead/ at offset \(offset): \"total\" is \(shown), not a lead count between 0 and \(Self.maxPlausibleTotal)")
            }
            total = Int(count)
        } else {
            total = nil
        }
    }
}
