/// Every page of one lead query, fetched with bounded concurrency and handed over in offset order.
///
/// The first page tells `total`; the pages up to it are then requested `concurrency` at a time.
/// Pages in flight plus pages waiting for an earlier one never exceed `concurrency`, so memory stays
/// flat however large the window. When a later page reports a larger `total` (leads created during
/// the run) paging extends to it; a server that sends no `total` is paged one request at a time,
/// following `next` (`LeadPages`).
public struct ParallelLeadPages: Sendable {
    let client: LinerClient
    let query: LeadQuery
    let pageSize: Int
    let concurrency: Int

    public init(client: LinerClient, query: LeadQuery, pageSize: Int, concurrency: Int) {
        self.client = client
        self.query = query
        self.pageSize = pageSize
        self.concurrency = max(1, concurrency)
    }

    func fetch(offset: Int) async throws -> LeadPage {
        let data = try await client.get("/v2/lead/", query: query.queryItems(offset: offset, limit: pageSize))
        return try LeadPage(offset: offset, data: data)
    }

    /// Calls `body` with each page, in offset order, one at a time.
    /// - Throws: the first fetch failure or whatever `body` throws; pages still in flight are cancelled.
    public func forEachPage(_ body: (LeadPage) async throws -> Void) async throws {
        let first = try await fetch(offset: 0)
        guard let firstTotal = first.total else {
            // No total: nothing to plan with. Page sequentially (page 0 again: it costs one request).
            for try await page in LeadPages(client: client, query: query, pageSize: pageSize) {
                try await body(page)
            }
            return
        }
        try await body(first)
        guard !first.leads.isEmpty else { return }

        let pageSize = pageSize
        let concurrency = concurrency
        try await withThrowingTaskGroup(of: LeadPage.self) { group in
            var largestTotal = firstTotal
            var nextOffsetToLaunch = pageSize
            var nextOffsetToDeliver = pageSize
            var inFlight = 0
            var waiting: [Int: LeadPage] = [:]
            var sawEmptyPage = false
            // A server whose total keeps growing cannot keep us here forever.
            let pageLimit = 2 * (firstTotal / pageSize) + 10
            var launched = 0

            func launchable() -> Bool {
                inFlight + waiting.count < concurrency && nextOffsetToLaunch < largestTotal && !sawEmptyPage
            }
            while true {
                while launchable() {
                    guard launched < pageLimit else {
                        group.cancelAll()
                        throw ExportError.incomplete(
                            "the server kept serving pages: \(launched) pages for a first total of \(firstTotal) leads")
                    }
                    let offset = nextOffsetToLaunch
                    group.addTask { try await fetch(offset: offset) }
                    nextOffsetToLaunch += pageSize
                    inFlight += 1
                    launched += 1
                }
                guard inFlight > 0, let page = try await group.next() else { break }
                inFlight -= 1
                if let total = page.total { largestTotal = max(largestTotal, total) }
                waiting[page.offset] = page
                while let ready = waiting.removeValue(forKey: nextOffsetToDeliver) {
                    try await body(ready)
                    nextOffsetToDeliver += pageSize
                    if ready.leads.isEmpty { sawEmptyPage = true }
                }
            }
        }
    }
}
