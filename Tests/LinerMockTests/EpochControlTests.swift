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
        #expect(both.created == first.created.union(second.created))
        #expect(first.created.count == Support.leadCount / 200 && second.created.count == Support.leadCount / 200)
        #expect(first.created.allSatisfy { $0 > Support.leadCount })
        #expect(both.archived == first.archived.union(second.archived))
        #expect(first.archived.isDisjoint(with: second.archived))
        #expect(Set(both.updated.keys) == Set(first.updated.keys).union(second.updated.keys).subtracting(second.archived))
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
}
