import Foundation
import LinerMock
import Testing

/// Helpers for the account-epoch tests: the leads a server serves now, and a page walk that
/// checks every page's bytes against them.
enum EpochTestSupport {
    static let leadCount = 2_000

    static func configuration(epoch: Int = 0) -> MockServerConfiguration {
        var configuration = LinerMockTests.configuration(leads: leadCount, seed: 5)
        configuration.epoch = epoch
        return configuration
    }

    /// Every lead the server serves now (base leads not archived, and the epochs' new leads), in
    /// served order: creation time, then id.
    static func currentLeads(_ server: MockLinerServer) -> [MockLead] {
        // Each epoch creates leadCount / 200 leads (AccountEpoch); some are archived since.
        let created = server.dataset.leadCount / 200 * server.epoch
        return (1...(server.dataset.leadCount + created)).compactMap { server.lead(id: $0) }
            .sorted { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) }
    }

    static func iso(_ date: Date) -> String {
        ISO8601DateFormatter().string(from: date)
    }

    /// Walks `query` page by page and expects each page to hold exactly the next leads of
    /// `expected`, byte for byte, with `total` equal to their count. Returns the ids served.
    static func expectServed(_ expected: [MockLead], port: Int, query: String, limit: Int) throws -> [Int] {
        var ids: [Int] = []
        var offset = 0
        repeat {
            let response = try RawHTTPClient.get(port: port, target: "/v2/lead/?\(query)&offset=\(offset)&limit=\(limit)")
            let page = try Page(response)
            #expect(page.total == expected.count, "\(query) offset \(offset)")
            let slice = expected.dropFirst(offset).prefix(limit)
            let list = "\"list\":[" + slice.map { $0.json() }.joined(separator: ",") + "]"
            let holdsExactBytes = String(decoding: response.body, as: UTF8.self).contains(list)
            #expect(holdsExactBytes, "\(query) offset \(offset): the page's bytes are the expected leads' JSON")
            ids += page.ids
            offset += limit
        } while offset < expected.count
        return ids
    }
}
