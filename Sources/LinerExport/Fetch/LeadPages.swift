/// The pages of one lead query, fetched lazily: a page is requested when the consumer asks for it,
/// and the one after it is prefetched meanwhile, so normalizing and writing overlap the network wait.
///
/// Each page is asked for at the offset after the leads actually served, whatever `next` says: a
/// server that ignores `limit` (more leads than asked for) is paged by what it serves, and a `next`
/// that jumps ahead cannot skip leads. Ends when a page is empty, when `total` is reached (or `next`
/// is past it), when `next` does not advance, or — with no `total` and no usable `next` (null,
/// missing, a URL) — at a page shorter than `pageSize`. It cannot loop forever: past twice the
/// pages `total` allows (or `LeadPage.maxPlausibleTotal` leads without one) it fails.
public struct LeadPages: AsyncSequence, Sendable {
    public typealias Element = LeadPage

    let client: LinerClient
    let query: LeadQuery
    let pageSize: Int
    /// The offset of the first page.
    let start: Int

    public init(client: LinerClient, query: LeadQuery, pageSize: Int) {
        self.init(client: client, query: query, pageSize: pageSize, start: 0)
    }

    init(client: LinerClient, query: LeadQuery, pageSize: Int, start: Int) {
        self.client = client
        self.query = query
        self.pageSize = pageSize
        self.start = start
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

        init(pages: LeadPages) {
            self.pages = pages
            offset = pages.start
        }

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
            // Without any total, nothing bounds the pages but the offsets, which grow with each page.
            let pageLimit = 2 * ((largestTotal > 0 ? largestTotal : LeadPage.maxPlausibleTotal) / pages.pageSize) + 10
            guard pagesFetched <= pageLimit else {
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
            if let total = page.total {
                let next = page.next ?? served
                return served < total && next < total && next > page.offset ? served : nil
            }
            if let next = page.next {
                return next > page.offset ? served : nil
            }
            return page.leads.count >= pages.pageSize ? served : nil
        }
    }
}
