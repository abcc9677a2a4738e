import Foundation
import LinerMock
import Testing

/// Moving the account's epoch, and the ground truth of what moved.
@Suite("Account epochs: control and ground truth")
struct EpochControlTests {
    private typealias Support = EpochTestSupport

    @Test("ground truth composes: 0 → 2 is 0 → 1 then 1 → 2, at the documented rates")
    func composition() {
        let dataset = MockDataset(Support.configuration().dataset)
        let first = dataset.changes(from: 0, to: 1)
        let second = dataset.changes(from: 1, to: 2)
        let both = dataset.changes(from: 0, to: 2)
        // A lead created in step 1 and changed or archived in step 2 is only "created" (or nothing) from 0.
        #expect(both.created == first.created.union(second.created).subtracting(second.archived))
        #expect(first.created.count == Support.leadCount / 200 && second.created.count == Support.leadCount / 200)
        #expect(first.created.allSatisfy { $0 > Support.leadCount })
        #expect(both.archived == first.archived.union(second.archived).subtracting(first.created))
        #expect(first.archived.isDisjoint(with: second.archived))
        #expect(Set(both.updated.keys)
            == Set(first.updated.keys).union(second.updated.keys).subtracting(second.archived).subtracting(first.created))
        #expect(!first.created.isDisjoint(with: second.updated.keys), "fresh leads are worked the next day")
        #expect((5...50).contains(first.updated.count), "about 1 % of 2000 change per step")
        #expect((1...20).contains(first.archived.count), "about 0.3 % of 2000 are archived per step")
        #expect(both.updated.values.allSatisfy { $0.contains("updatedAt") })
        #expect(dataset.changes(from: 0, to: 2) == both, "a pure function of (seed, epochs)")
    }

    @Test("time only moves forward: going back is a 409, GET a 405, a bad epoch a 400, no key a 401")
    func refusals() async throws {
        try await withServer(Support.configuration(epoch: 2)) { server in
            let port = server.port
            #expect(try RawHTTPClient.request("POST", port: port, target: "/_mock/advance?to=1").status == 409)
            #expect(try RawHTTPClient.get(port: port, target: "/_mock/advance").status == 405)
            #expect(try RawHTTPClient.request("POST", port: port, target: "/_mock/advance?to=soon").status == 400)
            #expect(try RawHTTPClient.request("POST", port: port, target: "/_mock/advance", apiKey: nil).status == 401)
            #expect(server.epoch == 2)
            #expect(throws: MockEpochError.self) { try server.advance(to: 1) }

            let oneStep = try RawHTTPClient.request("POST", port: port, target: "/_mock/advance/")
            #expect(oneStep.status == 200)
            #expect(server.epoch == 3, "no `to`: one step")
            try server.advance(to: 3)
            #expect(server.epoch == 3, "advancing to the current epoch changes nothing")
        }
    }

    @Test("the ground truth of a window is the difference between reading it over HTTP before and after",
          arguments: [(0, 2), (1, 3)])
    func groundTruthMatchesHTTP(epochs: (old: Int, new: Int)) async throws {
        try await withServer(Support.configuration(epoch: epochs.old)) { server in
            let from = server.dataset.lead(at: Support.leadCount - 1).createdAt.addingTimeInterval(-12 * 3_600)
            let to = server.dataset.epochInstant(epochs.new)
            let query = "createdAt[0]=\(Support.iso(from))&createdAt[1]=\(Support.iso(to))"
            func read() throws -> [Int: NSDictionary] {
                let pages = try walkPages(port: server.port, query: query, limit: 100)
                return Dictionary(uniqueKeysWithValues: pages.flatMap(\.list).map { (intValue($0["id"])!, $0 as NSDictionary) })
            }
            let before = try read()
            try server.advance(to: epochs.new)
            let after = try read()

            let truth = server.changes(from: epochs.old, to: epochs.new, createdFrom: from, createdTo: to)
            #expect(Set(after.keys).subtracting(before.keys) == truth.created)
            #expect(Set(before.keys).subtracting(after.keys) == truth.archived)
            var updated: [Int: Set<String>] = [:]
            for (id, old) in before {
                guard let new = after[id], new != old else { continue }
                updated[id] = Set((old.allKeys + new.allKeys).compactMap { $0 as? String }.filter {
                    (old[$0] as? NSObject) != (new[$0] as? NSObject)
                })
            }
            #expect(updated == truth.updated)
            #expect(!truth.created.isEmpty && !truth.updated.isEmpty && !truth.archived.isEmpty)
            let everything = server.changes(from: epochs.old, to: epochs.new)
            #expect(truth.updated.count < everything.updated.count, "the window keeps only its own leads")
        }
    }

    @Test("a server whose drift has inserted leads refuses to advance (their ids would collide)")
    func driftRefusesAdvance() async throws {
        var configuration = Support.configuration()
        configuration.faults.driftEvery = 1
        try await withServer(configuration) { server in
            _ = try walkPages(port: server.port, query: "", limit: 100, maxPages: 3)
            #expect(!server.driftLeads().isEmpty)
            #expect(throws: MockEpochError.self) { try server.advance(to: 1) }
            #expect(try RawHTTPClient.request("POST", port: server.port, target: "/_mock/advance?to=1").status == 409)
        }
    }
}
