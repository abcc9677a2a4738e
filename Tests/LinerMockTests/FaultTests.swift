import Foundation
import LinerMock
import Testing

@Suite("Fault injection and drift")
struct FaultTests {
    /// What a client saw for one request.
    enum Observed: Hashable {
        case ok, serverError, rateLimit, truncated, reset, successFalse
    }

    static func observe(_ response: RawResponse) throws -> Observed {
        switch response.outcome {
        case .noResponse: return .reset
        case .truncated: return .truncated
        case .complete: break
        }
        switch response.status {
        case 500, 502, 503: return .serverError
        case 429: return .rateLimit
        case 200:
            return try response.object()["success"] as? Bool == true ? .ok : .successFalse
        default:
            throw RawHTTPError("unexpected status \(response.status)")
        }
    }

    @Test("each fault kind occurs at its rate, and the server's counters agree with the client")
    func rates() async throws {
        let faults = MockFaults(
            errorRate: 0.10, rateLimitRate: 0.08, truncateRate: 0.05, resetRate: 0.05, successFalseRate: 0.07, seed: 2024)
        try await withServer(configuration(leads: 200, faults: faults)) { server in
            let requests = 1_500
            var counts: [Observed: Int] = [:]
            for number in 0..<requests {
                let response = try RawHTTPClient.get(port: server.port, target: "/v2/lead/?offset=\(number % 150)&limit=40")
                counts[try Self.observe(response), default: 0] += 1
            }
            let rates: [(Observed, MockFaultKind?, Double)] = [
                (.serverError, .serverError, 0.10), (.rateLimit, .rateLimit, 0.08), (.truncated, .truncatedBody, 0.05),
                (.reset, .connectionReset, 0.05), (.successFalse, .successFalse, 0.07), (.ok, nil, 0.65),
            ]
            let statistics = server.statistics()
            for (observed, kind, rate) in rates {
                let expected = rate * Double(requests)
                let tolerance = 4 * (expected * (1 - rate)).squareRoot()
                let seen = counts[observed] ?? 0
                #expect(abs(Double(seen) - expected) < tolerance, "\(observed): \(seen) vs \(expected) (seed 2024)")
                if let kind { #expect(statistics.faults(kind) == seen, "\(kind)") }
            }
            #expect(statistics.leadListRequests == requests)
            #expect(statistics.requestsServed == requests)
        }
    }

    @Test("the same fault seed gives the same sequence; another seed a different one")
    func deterministic() async throws {
        func sequence(seed: UInt64) async throws -> [Observed] {
            let faults = MockFaults(errorRate: 0.2, rateLimitRate: 0.2, truncateRate: 0.1, resetRate: 0.1, successFalseRate: 0.1, seed: seed)
            return try await withServer(configuration(leads: 50, faults: faults)) { server in
                try (0..<60).map { _ in try Self.observe(RawHTTPClient.get(port: server.port, target: "/v2/lead/?limit=10")) }
            }
        }
        let first = try await sequence(seed: 99)
        #expect(try await sequence(seed: 99) == first)
        #expect(try await sequence(seed: 100) != first)
    }

    @Test("429 carries Retry-After as the configured seconds, 0, or an HTTP-date")
    func retryAfter() async throws {
        let faults = MockFaults(rateLimitRate: 1, retryAfterSeconds: 3)
        try await withServer(configuration(leads: 10, faults: faults)) { server in
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "GMT")
            formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
            var forms: [String: Int] = [:]
            for _ in 0..<200 {
                let before = Date()
                let response = try RawHTTPClient.get(port: server.port, target: "/v2/lead/")
                #expect(response.status == 429)
                #expect(try response.object()["success"] as? Bool == false)
                let value = try #require(response.header("Retry-After"))
                if value == "3" {
                    forms["seconds", default: 0] += 1
                } else if value == "0" {
                    forms["zero", default: 0] += 1
                } else {
                    let date = try #require(formatter.date(from: value), "Retry-After \(value)")
                    #expect(date.timeIntervalSince(before) > 2 && date.timeIntervalSince(before) <= 5)
                    forms["date", default: 0] += 1
                }
            }
            #expect((forms["seconds"] ?? 0) > 110)
            #expect((forms["zero"] ?? 0) > 10)
            #expect((forms["date"] ?? 0) > 10)
        }
    }

    @Test("server errors are 500, 502 and 503, some with nginx's HTML page")
    func serverErrors() async throws {
        try await withServer(configuration(leads: 10, faults: MockFaults(errorRate: 1))) { server in
            var statuses: Set<Int> = []
            var html = 0
            var json = 0
            for _ in 0..<60 {
                let response = try RawHTTPClient.get(port: server.port, target: "/v2/lead/")
                statuses.insert(response.status)
                if response.header("Content-Type") == "text/html" {
                    html += 1
                    #expect(String(decoding: response.body, as: UTF8.self).contains("<center>nginx</center>"))
                } else {
                    json += 1
                    #expect(try response.object()["success"] as? Bool == false)
                }
            }
            #expect(statuses == [500, 502, 503])
            #expect(html > 10 && json > 10)
            // Faults apply to lead lists only.
            #expect(try RawHTTPClient.get(port: server.port, target: "/v2/lead-status/").status == 200)
        }
    }

    @Test("a truncated body declares the full length and stops half-way; a reset sends nothing")
    func truncationAndReset() async throws {
        try await withServer(configuration(leads: 100, faults: MockFaults(truncateRate: 1))) { server in
            let response = try RawHTTPClient.get(port: server.port, target: "/v2/lead/?limit=100")
            #expect(response.outcome == .truncated)
            #expect(response.status == 200)
            let declared = try #require(response.declaredLength)
            #expect(response.body.count == declared / 2)
            #expect((try? response.json()) == nil)
        }
        try await withServer(configuration(leads: 100, faults: MockFaults(resetRate: 1))) { server in
            let response = try RawHTTPClient.get(port: server.port, target: "/v2/lead/")
            #expect(response.outcome == .noResponse)
            #expect(server.statistics().faults(.connectionReset) == 1)
        }
    }

    @Test("latency delays every response")
    func latency() async throws {
        try await withServer(configuration(leads: 10, faults: MockFaults(latencyMilliseconds: 150))) { server in
            for path in ["/v2/lead/", "/v2/lead-status/"] {
                let start = Date()
                let response = try RawHTTPClient.get(port: server.port, target: path)
                #expect(response.status == 200)
                #expect(Date().timeIntervalSince(start) >= 0.15)
            }
        }
    }

    @Test("drift inserts leads before the requested offset, so a walk sees a lead twice but misses none")
    func drift() async throws {
        let faults = MockFaults(driftEvery: 3)
        try await withServer(configuration(leads: 400, faults: faults)) { server in
            let query = "createdAt[0]=2024-01-01T01:00:00Z&createdAt[1]=2024-01-01T05:00:00Z"
            let expected = server.dataset.expectedLeadIDs(
                createdFrom: Date(timeIntervalSince1970: 1_704_070_800), createdTo: Date(timeIntervalSince1970: 1_704_085_200))
            #expect(expected == Array(61...301))
            let pages = try walkPages(port: server.port, query: query, limit: 20)
            let ids = pages.flatMap(\.ids)
            let duplicates = Dictionary(grouping: ids, by: { $0 }).filter { $0.value.count > 1 }.keys
            #expect(!duplicates.isEmpty, "no lead served twice")
            #expect(Set(ids).isSuperset(of: expected), "drift must not make the walk skip a lead")
            let statistics = server.statistics()
            #expect(statistics.driftLeadsInserted >= pages.count / 3 - 1)
            let (first, last) = (try #require(pages.first), try #require(pages.last))
            #expect(last.total == expected.count + statistics.driftLeadsInserted)
            #expect(first.total < last.total)

            // Drift leads continue the ids, lie inside the window and are served by detail.
            let driftLeads = server.driftLeads()
            #expect(driftLeads.map(\.id).sorted() == Array(401...(400 + statistics.driftLeadsInserted)))
            for lead in driftLeads {
                #expect(lead.createdAt >= Date(timeIntervalSince1970: 1_704_070_800))
                #expect(lead.createdAt <= Date(timeIntervalSince1970: 1_704_085_200))
            }
            let detail = try RawHTTPClient.get(port: server.port, target: "/v2/lead/detail/401/")
            #expect(detail.status == 200)
            let data = try #require(try detail.object()["data"] as? [String: Any])
            #expect(intValue(data["id"]) == 401)
        }
    }

    @Test("drift leads match the filter of the query they are inserted into")
    func driftRespectsFilter() async throws {
        try await withServer(configuration(leads: 2_000, faults: MockFaults(driftEvery: 2))) { server in
            let pages = try walkPages(port: server.port, query: "statusIds[]=12&orderIds[]=207&orderIds[]=208", limit: 5)
            #expect(server.statistics().driftLeadsInserted > 0)
            for lead in server.driftLeads() {
                #expect(lead.statusId == 12 && lead.orderId == 207)
            }
            let ids = pages.flatMap(\.ids)
            #expect(ids.count > Set(ids).count)
        }
    }

    @Test("envelope quirks: success:false first, next as a URL, total left out or replaced, limit ignored")
    func envelopeQuirks() async throws {
        var faults = MockFaults(successFalseFirst: 2, successFalseMessage: "Internal error", nextAsURL: true, ignoredLimit: 30)
        try await withServer(configuration(leads: 100, faults: faults)) { server in
            for _ in 0..<2 {
                let refused = try RawHTTPClient.get(port: server.port, target: "/v2/lead/?limit=10")
                #expect(refused.status == 200)
                #expect(try refused.object()["success"] as? Bool == false)
                #expect(try refused.object()["message"] as? String == "Internal error")
            }
            let page = try Page(RawHTTPClient.get(port: server.port, target: "/v2/lead/?offset=10&limit=10"))
            #expect(page.ids == Array(11...40), "30 leads for limit 10")
            #expect(page.next as? String == "/v2/lead/?offset=40&limit=30")
            #expect(page.total == 100)
            #expect(server.statistics().faults(.successFalse) == 2)
        }
        faults = MockFaults(omitsTotal: true)
        try await withServer(configuration(leads: 100, faults: faults)) { server in
            let response = try RawHTTPClient.get(port: server.port, target: "/v2/lead/?limit=10")
            let data = try #require(try response.object()["data"] as? [String: Any])
            #expect(data["total"] == nil)
            #expect(intValue(data["next"]) == 10)
        }
        faults = MockFaults(reportedTotal: -5)
        try await withServer(configuration(leads: 100, faults: faults)) { server in
            let page = try Page(RawHTTPClient.get(port: server.port, target: "/v2/lead/?limit=10"))
            #expect(page.total == -5)
            #expect(page.ids == Array(1...10))
        }
    }
}
