/// Every page of one lead query, fetched with bounded concurrency and handed over in offset order.
///
/// The first page tells `total`; the pages up to it are then requested `concurrency` at a time.
/// At most `concurrency` requests are in flight, and pages held (in flight, being prepared, or waiting
/// for an earlier one) stay under `2 × concurrency`, so memory stays flat however large the window. When a later page reports a larger `total` (leads created during
/// the run) paging extends to it; a server that sends no `total` is paged one request at a time,
/// following `next` (`LeadPages`). So is the rest of a query once a page holds more leads than `limit`
/// asked for (a server that ignores `limit`): its leads are all handed on, and paging goes on after them.
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
        try await forEachPage(preparing: { _ in () }) { page, _ in try await body(page) }
    }

    /// Calls `body` with each page and what `prepare` made of it, in offset order, one at a time.
    ///
    /// `prepare` runs in the page's own task as soon as the page arrives, concurrently with other pages
    /// and with `body`: the place for work that does not depend on order (normalizing the leads), so
    /// that it spreads over the cores while `body` keeps the order.
    /// - Parameter expectedTotal: the query's `total` when a probe already told it: the first page then
    ///   goes out together with the next ones instead of alone (one round trip less).
    /// - Parameter prefetched: pages of this query already requested (a `FirstWave`), by offset; used
    ///   instead of asking again.
    /// - Throws: the first fetch failure or whatever `prepare` or `body` throws; pages still in flight are cancelled.
    func forEachPage<Prepared: Sendable>(
        expectedTotal: Int? = nil, prefetched: [Int: Task<LeadPage, any Error>] = [:],
        preparing prepare: @escaping @Sendable (LeadPage) throws -> Prepared,
        _ body: (LeadPage, Prepared) async throws -> Void
    ) async throws {
        var outcome = ConcurrentOutcome.sequential(from: 0)
        if let expectedTotal, !prefetched.isEmpty || (expectedTotal > pageSize && concurrency > 1) {
            outcome = try await pageConcurrently(from: 0, total: expectedTotal, prefetched: prefetched, prepare: prepare, body: body)
        } else {
            let first = try await fetch(offset: 0)
            if let firstTotal = first.total {
                try await body(first, try prepare(first))
                let served = first.leads.count
                guard served > 0 && served < firstTotal else { return }
                outcome = served > pageSize
                    ? .sequential(from: served)
                    : try await pageConcurrently(from: pageSize, total: firstTotal, prefetched: [:], prepare: prepare, body: body)
            }
        }
        // No total: nothing to plan with (page 0 again: it costs one request). Or the server ignores
        // `limit`: offsets at `pageSize` steps would overlap. Page sequentially, by what is served.
        guard case .sequential(let start) = outcome else { return }
        for try await page in LeadPages(client: client, query: query, pageSize: pageSize, start: start) {
            try await body(page, try prepare(page))
        }
    }

    /// How `pageConcurrently` stopped.
    private enum ConcurrentOutcome {
        /// Every page was handed on.
        case finished
        /// The rest is to be paged sequentially from this offset: the page at offset 0 has no `total`
        /// (0; nothing was handed on), or a page held more leads than `limit` (the offset after its
        /// leads; the pages up to it were handed on).
        case sequential(from: Int)
    }

    /// Pages from `start` on, `concurrency` requests at a time, up to `total` or the largest total a
    /// page reports.
    ///
    /// A request's slot frees as soon as its page arrives, not once the page is prepared: preparing
    /// runs in a task of its own, so the next request goes out while the cores are busy (on a slow API
    /// every round trip would otherwise wait for the previous round's normalizing). Pages held — in
    /// flight, being prepared, or waiting for an earlier one — stay under `2 × concurrency`.
    private func pageConcurrently<Prepared: Sendable>(
        from start: Int, total firstTotal: Int, prefetched: [Int: Task<LeadPage, any Error>],
        prepare: @escaping @Sendable (LeadPage) throws -> Prepared, body: (LeadPage, Prepared) async throws -> Void
    ) async throws -> ConcurrentOutcome {
        defer { for page in prefetched.values { page.cancel() } }
        let pageSize = pageSize
        let concurrency = concurrency
        return try await withThrowingTaskGroup(of: PageEvent<Prepared>.self) { group in
            var largestTotal = firstTotal
            var nextOffsetToLaunch = start
            var nextOffsetToDeliver = start
            var inFlight = 0
            var preparing = 0
            var waiting: [Int: (LeadPage, Prepared)] = [:]
            var sawEmptyPage = false
            // A server whose total keeps growing cannot keep us here forever.
            let pageLimit = 2 * (firstTotal / pageSize) + 10
            var launched = 0

            func launchable() -> Bool {
                // Offset 0 always goes out: an empty range still answers with its page (and its total).
                inFlight < concurrency && inFlight + preparing + waiting.count < 2 * concurrency
                    && (nextOffsetToLaunch < largestTotal || nextOffsetToLaunch == 0) && !sawEmptyPage
            }
            while true {
                while launchable() {
                    try Task.checkCancellation()
                    guard launched < pageLimit else {
                        group.cancelAll()
                        throw ExportError.incomplete(
                            "the server kept serving pages: \(launched) pages for a first total of \(firstTotal) leads")
                    }
                    let offset = nextOffsetToLaunch
                    let requested = prefetched[offset]
                    group.addTask {
                        if let requested { return .arrived(try await requested.value) }
                        return .arrived(try await fetch(offset: offset))
                    }
                    nextOffsetToLaunch += pageSize
                    inFlight += 1
                    launched += 1
                }
                guard inFlight + preparing > 0, let event = try await group.next() else { break }
                switch event {
                case .arrived(let page):
                    inFlight -= 1
                    preparing += 1
                    if let total = page.total { largestTotal = max(largestTotal, total) }
                    group.addTask { .prepared(page, try prepare(page)) }
                case .prepared(let page, let prepared):
                    preparing -= 1
                    waiting[page.offset] = (page, prepared)
                    while let (ready, prepared) = waiting.removeValue(forKey: nextOffsetToDeliver) {
                        if ready.offset == 0 && ready.total == nil {
                            group.cancelAll()
                            return .sequential(from: 0)
                        }
                        try await body(ready, prepared)
                        if ready.leads.count > pageSize {
                            group.cancelAll()
                            return .sequential(from: ready.offset + ready.leads.count)
                        }
                        nextOffsetToDeliver += pageSize
                        if ready.leads.isEmpty { sawEmptyPage = true }
                    }
                }
            }
            return .finished
        }
    }
}

/// What a page task of `ParallelLeadPages` reports: its page has arrived, or has been prepared.
private enum PageEvent<Prepared: Sendable>: Sendable {
    case arrived(LeadPage)
    case prepared(LeadPage, Prepared)
}
