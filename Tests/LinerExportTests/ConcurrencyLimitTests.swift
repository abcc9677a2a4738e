import Foundation
import LinerMock
import Testing
@testable import LinerExport

/// `source.concurrency` bounds the lead-list requests in flight, counted by the server itself, on a
/// slow API where pages arrive while earlier ones are still being normalized.
struct ConcurrencyLimitTests {
    @Test(arguments: [1, 4, 8], [false, true])
    func leadListRequestsInFlightNeverExceedConcurrency(concurrency: Int, withStateFile: Bool) async throws {
        try await withTemporaryFolder { folder in
            var configuration = MockServerConfiguration()
            configuration.dataset.leadCount = 3_000
            configuration.faults.latencyMilliseconds = 100
            try await withMockServer(configuration) { server in
                // One day: 1,440 leads, 15 pages of 100.
                let spec = makeTestPipeline(server: server, folder: folder) {
                    $0.window.stateFile = withStateFile ? folder + "/state.json" : nil
                    $0.source.requestsPerSecond = 0
                    $0.source.concurrency = concurrency
                }
                _ = try await ExportRunner(spec: spec, apiKey: APIKey(configuration.apiKey), logger: quietLogger).run()
                let ids = try PythonReader.ndjsonRows(folder + "/leads-2024-01-01.ndjson").compactMap { $0["id"] as? Int }
                #expect(ids == Array(1...1_440))
                let statistics = server.statistics()
                #expect(statistics.peakLeadListRequestsInFlight <= concurrency)
                // Requests did overlap (how many exactly depends on how fast connections open under load).
                #expect(statistics.peakLeadListRequestsInFlight >= min(2, concurrency))
                #expect(statistics.leadListRequestsInFlight == 0)
            }
        }
    }
}
