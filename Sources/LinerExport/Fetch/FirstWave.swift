/// The first pages of a query, requested all at once before anything is known about it.
///
/// A run's plan needs the range's `total` before it can cut windows; asking for it alone costs a
/// round trip during which nothing else moves. Instead page 0 (which tells `total`) goes out with the
/// next `count - 1` pages: when the plan turns out to be that one window — most runs — they are its
/// first pages; otherwise they are cancelled. A range smaller than the wave costs a few empty pages.
final class FirstWave: Sendable {
    let query: LeadQuery
    /// The pages in flight, by offset.
    let pages: [Int: Task<LeadPage, any Error>]

    init(client: LinerClient, query: LeadQuery, pageSize: Int, count: Int) {
        self.query = query
        var pages: [Int: Task<LeadPage, any Error>] = [:]
        for offset in stride(from: 0, to: max(1, count) * pageSize, by: pageSize) {
            pages[offset] = Task {
                let data = try await client.get("/v2/lead/", query: query.queryItems(offset: offset, limit: pageSize))
                return try LeadPage(offset: offset, data: data)
            }
        }
        self.pages = pages
    }

    /// Page 0, which tells the query's `total`.
    func firstPage() async throws -> LeadPage {
        try await withTaskCancellationHandler {
            try await pages[0]!.value
        } onCancel: {
            cancel()
        }
    }

    /// Cancels the pages nobody will read (finished ones are unaffected).
    func cancel() {
        for page in pages.values { page.cancel() }
    }
}
