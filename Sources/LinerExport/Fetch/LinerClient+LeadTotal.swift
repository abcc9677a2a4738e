extension LinerClient {
    /// The server's `total` for `query`: one request for one lead; nil when the server sends none.
    func leadTotal(_ query: LeadQuery) async throws -> Int? {
        try LeadPage(offset: 0, data: await get("/v2/lead/", query: query.queryItems(offset: 0, limit: 1))).total
    }

    /// The `total` of each query, in order, `concurrency` requests at a time.
    func leadTotals(_ queries: [LeadQuery], concurrency: Int) async throws -> [Int?] {
        try await withThrowingTaskGroup(of: (Int, Int?).self) { group in
            var totals = [Int?](repeating: nil, count: queries.count)
            var next = 0
            func askNext() {
                guard next < queries.count else { return }
                let index = next
                next += 1
                group.addTask { (index, try await leadTotal(queries[index])) }
            }
            for _ in 0..<max(1, concurrency) { askNext() }
            while let (index, total) = try await group.next() {
                totals[index] = total
                askNext()
            }
            return totals
        }
    }
}
