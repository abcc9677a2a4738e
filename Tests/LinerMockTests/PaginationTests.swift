import Foundation
import LinerMock
import Testing

@Suite("Lead list pagination and windows")
struct PaginationTests {
    private static let minute: TimeInterval = 60
    private static let start = Date(timeIntervalSince1970: 1_704_067_200)  // 2024-01-01T00:00:00Z

    @Test("both createdAt bounds are inclusive, and either may be absent")
    func inclusiveBounds() async throws {
        try await withServer { server in
            let cases: [(String, [Int])] = [
                ("createdAt[0]=2024-01-01T00:10:00Z&createdAt[1]=2024-01-01T00:20:00Z", Array(11...21)),
                ("createdAt[0]=2024-01-01T00:10:00.5Z&createdAt[1]=2024-01-01T00:20:00Z", Array(12...21)),
                ("createdAt[0]=2024-01-01T00:10:00Z&createdAt[1]=2024-01-01T00:19:59.999Z", Array(11...20)),
                ("createdAt[0]=2024-01-01T16:35:00Z", Array(996...1000)),  // lead 995 is at 16:35
                ("createdAt[1]=2024-01-01T00:04:00Z", Array(1...5)),
                ("createdAt[0]=2024-01-01T00:05:00Z&createdAt[1]=2024-01-01T00:05:00Z", [6]),
                ("createdAt[0]=2024-01-01T00:05:00Z&createdAt[1]=2024-01-01T00:04:00Z", []),
                ("createdAt[0]=2023-01-01T00:00:00Z&createdAt[1]=2023-12-31T23:59:59Z", []),
                ("createdAt[0]=&createdAt[1]=", Array(1...100)),
            ]
            for (query, expected) in cases {
                let page = try Page(RawHTTPClient.get(port: server.port, target: "/v2/lead/?\(query)&limit=100"))
                #expect(page.ids == expected, "query \(query)")
            }
            let expected = server.dataset.expectedLeadIDs(
                createdFrom: Self.start.addingTimeInterval(10 * Self.minute), createdTo: Self.start.addingTimeInterval(20 * Self.minute))
            #expect(expected == Array(11...21))
        }
    }

    @Test("a walk serves the expected ids exactly once, with total and next right", arguments: MockFaults.LastPageNext.allCases)
    func walk(lastPageNext: MockFaults.LastPageNext) async throws {
        var faults = MockFaults()
        faults.lastPageNext = lastPageNext
        try await withServer(configuration(leads: 1_000, faults: faults)) { server in
            let query = "createdAt[0]=2024-01-01T01:00:00Z&createdAt[1]=2024-01-01T12:00:00Z&orderIds[]=201&orderIds[]=202&orderIds[]=203&orderIds[]=204"
            let expected = server.dataset.expectedLeadIDs(
                createdFrom: Self.start.addingTimeInterval(60 * Self.minute), createdTo: Self.start.addingTimeInterval(720 * Self.minute),
                orderIds: [201, 202, 203, 204])
            #expect(expected.count > 100)
            let limit = 37
            let pages = try walkPages(port: server.port, query: query, limit: limit)
            #expect(pages.flatMap(\.ids) == expected)
            for (number, page) in pages.enumerated() {
                #expect(page.total == expected.count)
                let offset = number * limit
                if offset + page.ids.count < expected.count {
                    #expect(intValue(page.next) == offset + page.ids.count)
                } else {
                    switch lastPageNext {
                    case .null: #expect(page.hasNext && page.next is NSNull)
                    case .missing: #expect(!page.hasNext)
                    case .pastTotal: #expect((intValue(page.next) ?? 0) > page.total)
                    }
                }
            }
            // Past the end: an empty list, the same total, and the last-page `next`.
            let past = try Page(RawHTTPClient.get(port: server.port, target: "/v2/lead/?\(query)&offset=\(expected.count + 5)&limit=10"))
            #expect(past.ids.isEmpty)
            #expect(past.total == expected.count)
            #expect(past.hasNext == (lastPageNext != .missing))
        }
    }

    @Test("filtered and windowed walks agree with expectedLeadIDs", arguments: [
        ("statusIds[]=10", [Int](), [10]),
        ("orderIds[]=212&statusIds[]=16&statusIds[]=18", [212], [16, 18]),
        ("orderIds[]=999", [999], []),
    ])
    func filtered(query: String, orderIds: [Int], statusIds: [Int]) async throws {
        try await withServer(configuration(leads: 3_000)) { server in
            let window = "createdAt[0]=2024-01-01T05:00:00Z&createdAt[1]=2024-01-02T20:00:00Z"
            let expected = server.dataset.expectedLeadIDs(
                createdFrom: Self.start.addingTimeInterval(300 * Self.minute), createdTo: Self.start.addingTimeInterval(2640 * Self.minute),
                orderIds: orderIds, statusIds: statusIds)
            let ids = try walkPages(port: server.port, query: "\(query)&\(window)", limit: 100).flatMap(\.ids)
            #expect(ids == expected)
            for id in ids.prefix(50) {
                let lead = server.dataset.lead(at: id - 1)
                #expect(orderIds.isEmpty || orderIds.contains(lead.orderId))
                #expect(statusIds.isEmpty || statusIds.contains(lead.statusId))
            }
        }
    }

    @Test("a million leads: the last pages and a filtered window are served without materialising")
    func millionLeads() async throws {
        try await withServer(configuration(leads: 1_000_000)) { server in
            let last = try Page(RawHTTPClient.get(port: server.port, target: "/v2/lead/?offset=999950&limit=100"))
            #expect(last.ids == Array(999_951...1_000_000))
            #expect(last.total == 1_000_000)
            #expect(last.next is NSNull)

            // Lead 500,000 is created 500,000 minutes after the start.
            let from = Self.start.addingTimeInterval(500_000 * Self.minute)
            let to = Self.start.addingTimeInterval(520_000 * Self.minute)
            let expected = server.dataset.expectedLeadIDs(createdFrom: from, createdTo: to, statusIds: [14])
            let query = "statusIds[]=14&createdAt[0]=2024-12-13T05:20:00Z&createdAt[1]=2024-12-27T02:40:00Z"
            #expect(ISO8601DateFormatter().date(from: "2024-12-13T05:20:00Z") == from)
            #expect(ISO8601DateFormatter().date(from: "2024-12-27T02:40:00Z") == to)
            let first = try Page(RawHTTPClient.get(port: server.port, target: "/v2/lead/?\(query)&limit=100"))
            #expect(first.total == expected.count)
            #expect(first.ids == Array(expected.prefix(100)))
            let tail = try Page(RawHTTPClient.get(port: server.port, target: "/v2/lead/?\(query)&offset=\(expected.count - 3)&limit=100"))
            #expect(tail.ids == Array(expected.suffix(3)))
        }
    }
}
