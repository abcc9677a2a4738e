import Foundation
import LinerMock
import Testing
@testable import LinerExport

/// The plan's `total` comes with the first pages of the whole range (`FirstWave`): no request of its
/// own when the run is one window, and nothing lost or doubled whatever the plan turns out to be.
struct FirstWaveTests {
    /// Exports `window` from a fake server holding `leads`; the ids written and the lead list requests served.
    static func export(leads: Int, window: WindowSpec) async throws -> (ids: [Int], leadListRequests: Int) {
        return try await withTemporaryFolder { folder in
            var configuration = MockServerConfiguration()
            configuration.dataset.leadCount = leads
            return try await withMockServer(configuration) { server in
                let spec = makeTestPipeline(server: server, folder: folder) { $0.window = window }
                _ = try await ExportRunner(spec: spec, apiKey: APIKey(configuration.apiKey), logger: quietLogger).run()
                let ids = try PythonReader.ndjsonRows(folder + "/leads-2024-01-01.ndjson")
                    .compactMap { $0["id"] as? Int }
                return (ids, server.statistics().leadListRequests)
            }
        }
    }

    @Test func aRunOfOneWindowAsksForEachPageOnceAndNothingElse() async throws {
        // One day: 1,440 leads, 15 pages of 100; the default concurrency (4) sends pages 0–3 with the probe.
        let (ids, requests) = try await Self.export(
            leads: 3_000, window: utcWindow(from: "2024-01-01T00:00:00Z", to: "2024-01-02T00:00:00Z"))
        #expect(ids == Array(1...1_440))
        #expect(requests == 15, "15 pages, no separate request for total")
    }

    @Test func aRangeSmallerThanTheWaveCostsOnlyEmptyPages() async throws {
        // 50 minutes: 50 leads, one page; the other three pages of the wave come back empty.
        let (ids, requests) = try await Self.export(
            leads: 3_000, window: utcWindow(from: "2024-01-01T00:00:00Z", to: "2024-01-01T00:50:00Z"))
        #expect(ids == Array(1...50))
        #expect(requests == 4)
    }

    @Test func aRangeOfSeveralWindowsDropsTheWaveAndLosesNothing() async throws {
        // Nine days: 12,960 leads, more than one `auto` window holds.
        let (ids, _) = try await Self.export(
            leads: 20_000, window: utcWindow(from: "2024-01-01T00:00:00Z", to: "2024-01-10T00:00:00Z"))
        #expect(ids == Array(1...12_960))
    }
}
