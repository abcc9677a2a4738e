import LinerJSON

/// One order (a customer's project) of the account, from `GET /v2/order/`.
public struct OrderDefinition: Sendable, Equatable {
    public let id: Int
    public let title: String

    public init(id: Int, title: String) {
        self.id = id
        self.title = title
    }
}

extension LinerClient {
    /// Pages through the account's orders, 100 at a time (the API's maximum). Stops on a short or
    /// empty page, a `next` that is null, missing or not advancing, or at `total`; never more pages
    /// than `maxPages`, so a server that keeps answering cannot keep the run here.
    /// - Throws: `ExportError` when a page cannot be fetched.
    public func orders(maxPages: Int = 1_000) async throws -> [OrderDefinition] {
        let limit = 100
        var orders: [OrderDefinition] = []
        var offset = 0
        var path = "/v2/order/"
        for _ in 0..<maxPages {
            let query = [("offset", String(offset)), ("limit", String(limit))]
            let data: JSONValue
            do {
                data = try await get(path, query: query)
            } catch let error as ExportError where error.kind == "bad_response" && offset == 0 && path == "/v2/order/" {
                path = "/v2/orders/"  // the other spelling Liner's samples use
                data = try await get(path, query: query)
            }
            let items = Self.items(of: data)
            orders += items.compactMap { order in
                guard let id = order["id"]?.int64Value else { return nil }
                return OrderDefinition(id: Int(id), title: order["title"]?.textValue ?? "")
            }
            guard case .object(let envelope) = data, !items.isEmpty else { break }
            let total = envelope["total"]?.int64Value.map { Int($0) }
            let next = envelope["next"]?.int64Value.map { Int($0) } ?? (offset + items.count)
            if let total, next >= total { break }
            if total == nil, items.count < limit { break }
            guard next > offset else { break }
            offset = next
        }
        return orders
    }
}
