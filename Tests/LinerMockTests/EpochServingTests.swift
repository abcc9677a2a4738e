import Foundation
import LinerMock
import Testing

/// The account moved forward in time, as the lead list and detail endpoints serve it.
@Suite("Account epochs: serving")
struct EpochServingTests {
    private typealias Support = EpochTestSupport

    @Test("epoch 0 is the generated account: nothing changed, every lead served as generated")
    func epochZero() async throws {
        try await withServer(Support.configuration()) { server in
            #expect(server.epoch == 0)
            let changes = server.changes(from: 0, to: 0)
            #expect(changes.created.isEmpty && changes.updated.isEmpty && changes.archived.isEmpty)
            let generated = (0..<server.dataset.leadCount).map { server.dataset.lead(at: $0) }
            let ids = try Support.expectServed(generated, port: server.port, query: "", limit: 100)
            #expect(ids == Array(1...Support.leadCount))
        }
    }

    @Test("after POST /_mock/advance the list shows changed values, leaves archived leads out and lists new leads once")
    func advanceOverHTTP() async throws {
        try await withServer(Support.configuration()) { server in
            let response = try RawHTTPClient.request("POST", port: server.port, target: "/_mock/advance?to=3")
            #expect(response.status == 200)
            let data = try response.object()["data"] as? [String: Any]
            #expect(intValue(data?["epoch"]) == 3)
            #expect(data?["instant"] as? String == Support.iso(server.dataset.epochInstant(3)))
            #expect(server.epoch == 3)

            let truth = server.changes(from: 0, to: 3)
            #expect(!truth.created.isEmpty && !truth.updated.isEmpty && !truth.archived.isEmpty)
            let ids = try Support.expectServed(Support.currentLeads(server), port: server.port, query: "", limit: 37)
            #expect(ids.count == Set(ids).count)
            #expect(Set(ids) == Set(1...Support.leadCount).subtracting(truth.archived).union(truth.created))

            let instants = (1...3).map { server.dataset.epochInstant($0) }
            for (id, fields) in truth.updated {
                let lead = try #require(server.lead(id: id))
                let original = server.dataset.lead(at: id - 1)
                #expect(instants.contains(lead.updatedAt), "lead \(id)")
                #expect(fields.contains("statusId") == (lead.statusId != original.statusId), "lead \(id)")
                #expect(fields.contains("sourceComment") == (lead.sourceComment != original.sourceComment), "lead \(id)")
                let customValues = try [lead, original].map {
                    try JSONSerialization.jsonObject(with: Data($0.json().utf8)) as? NSDictionary
                }.map { $0?["customValues"] as? NSObject }
                #expect(fields.contains("customValues") == (customValues[0] != customValues[1]), "lead \(id)")
            }
        }
    }

    @Test("a createdAt window lists the leads created in it, new ones included, once each, at any page size")
    func windows() async throws {
        try await withServer(Support.configuration(epoch: 2)) { server in
            let current = Support.currentLeads(server)
            let lastBase = server.dataset.lead(at: Support.leadCount - 1).createdAt
            let instant = server.dataset.epochInstant(2)
            let windows: [(from: Date, to: Date, statuses: [Int])] = [
                (lastBase.addingTimeInterval(-6 * 3_600), instant, []),
                (lastBase.addingTimeInterval(86_400), instant, []),
                (lastBase.addingTimeInterval(-20 * 3_600), instant, [11, 14]),
            ]
            for window in windows {
                let expected = current.filter {
                    $0.createdAt >= window.from && $0.createdAt <= window.to
                        && (window.statuses.isEmpty || window.statuses.contains($0.statusId))
                }
                #expect(expected.contains { $0.id > Support.leadCount }, "the window holds new leads")
                var query = "createdAt[0]=\(Support.iso(window.from))&createdAt[1]=\(Support.iso(window.to))"
                query += window.statuses.map { "&statusIds[]=\($0)" }.joined()
                for limit in [7, 100] {
                    let ids = try Support.expectServed(expected, port: server.port, query: query, limit: limit)
                    #expect(ids == expected.map(\.id), "\(query) limit \(limit)")
                }
            }
        }
    }

    @Test("archived leads answer 404 on detail; changed and new leads' details show their current values")
    func details() async throws {
        try await withServer(Support.configuration(epoch: 2)) { server in
            let truth = server.changes(from: 0, to: 2)
            for id in truth.archived {
                let response = try RawHTTPClient.get(port: server.port, target: "/v2/lead/detail/\(id)/")
                #expect(response.status == 404, "lead \(id)")
                #expect(try response.object()["success"] as? Bool == false)
            }
            for id in Set(truth.updated.keys).union(truth.created) {
                let lead = try #require(server.lead(id: id))
                let response = try RawHTTPClient.get(port: server.port, target: "/v2/lead/detail/\(id)/")
                let holdsExactBytes = String(decoding: response.body, as: UTF8.self).contains("\"data\":" + lead.json())
                #expect(holdsExactBytes, "lead \(id): the detail's bytes")
                let data = try response.object()["data"] as? [String: Any]
                #expect(TestDates.decode(data?["updatedAt"])?.date == lead.updatedAt, "lead \(id): updatedAt on the wire")
                #expect(lead.updatedAt <= server.dataset.epochInstant(2), "lead \(id): not updated after now")
            }
        }
    }

    @Test("a server started at epoch 2 serves the same bytes as one advanced 0 → 1 → 2")
    func determinism() async throws {
        let targets = [
            "/v2/lead/?limit=100", "/v2/lead/?offset=1900&limit=100", "/v2/lead/?offset=1950&limit=100&statusIds[]=12",
            "/v2/lead/detail/1/", "/v2/lead/detail/1500/", "/v2/lead/detail/2001/", "/v2/lead/detail/2010/",
        ]
        try await withServer(Support.configuration(epoch: 2)) { started in
            try await withServer(Support.configuration()) { advanced in
                try advanced.advance(to: 1)
                try advanced.advance(to: 2)
                for target in targets {
                    let expected = try RawHTTPClient.get(port: started.port, target: target).body
                    #expect(try RawHTTPClient.get(port: advanced.port, target: target).body == expected, "\(target)")
                }
            }
        }
    }
}
