extension LinerClient {
    /// The server's `total` for `query`: one request for one lead; nil when the server sends none.
    func leadTotal(_ query: LeadQuery) async throws -> Int? {
        try LeadPage(offset: 0, data: await get("/v2/lead/", query: query.queryItems(offset: 0, limit: 1))).total
    }

    /// The `total` of each query, in order, `concurrency` requests at a time.
    func leadTotals(_ queries: [LeadQuery], concurrency: Int) async throws -> [Int?] {
        try await queries.concurrentMap(concurrency: concurrency) { try await leadTotal($0) }.map { $0 ?? nil }
    }
}
