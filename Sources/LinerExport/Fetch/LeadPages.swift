/// The pages of one lead query, fetched lazily: a page is requested when the consumer asks for it,
/// and the one after it is prefetched meanwhile, so normalizing and writing overlap the network wait.
///
/// Ends when a page is empty, when `next` is null or missing and `total` says nothing more, when
/// `next` does not advance, or when `next` reaches `total`. It cannot loop forever: past twice the
/// pages `total` allows it fails.
public struct LeadPages: AsyncSequence, Sendable {
    public typealias Element = LeadPage

    let client: LinerClient
    let query: LeadQuery
    let pageSize: Int

    public init(client: LinerClient, query: LeadQuery, pageSize: Int) {
        self.client = client
        self.query = query
        self.pageSize = pageSize
    }

    public func makeAsyncIterator() -> Iterator {
        Iterator(pages: self)
    }

    func fetch(offset: Int) async throws -> LeadPage {
        let data = try await client.get("/v2/lead/", query: query.queryItems(offset: offset, limit: pageSize))
        return try LeadPage(offset: offset, data: data)
    }

    public struct Iterator: AsyncIteratorProtocol {
        let pages: LeadPages
        private var offset = 0
        private var isFinished = false
        private var prefetched: Task<LeadPage, Error>?
        private var pagesFetched = 0
        private var largestTotal = 0

        init(pages: LeadPages) { self.pages = pages }

        public mutating func next() async throws -> LeadPage? {
            guard !isFinished else { return nil }
            let page: LeadPage
            do {
                if let prefetched {
                    page = try await prefetched.value
                } else {
                    page = try await pages.fetch(offset: offset)
                }
            } catch {
                isFinished = true
                throw error
            }
            prefetched = nil
            pagesFetched += 1
            largestTotal = Swift.max(largestTotal, page.total ?? 0)
            guard pagesFetched <= 2 * (largestTotal / pages.pageSize) + 10 else {
                isFinished = true
                throw ExportError.incomplete(
                    "the server kept serving pages: \(pagesFetched) pages for a total of \(largestTotal) leads")
            }
            if let nextOffset = nextOffset(after: page) {
                offset = nextOffset
                let pages = self.pages
                prefetched = Task { try await pages.fetch(offset: nextOffset) }
            } else {
                isFinished = true
            }
            return page
        }

        private func nextOffset(after page: LeadPage) -> Int? {
            guard !page.leads.isEmpty else { return nil }
            let served = page.offset + page.leads.count
            let next = page.next ?? served
            if let total = page.total, next >= total { return nil }
            if page.next == nil && page.total == nil { return nil }
            return next > page.offset ? next : nil
        }
    }
}
