import LinerMock
import Testing

@testable import LinerExport

/// A request cancelled because nobody will read its page is not an API failure: no retry is counted
/// (the run summary and the metrics report retries) and none is attempted.
struct CancelledRequestTests {
    @Test func aCancelledRequestIsNeitherRetriedNorCountedAsARetry() async throws {
        var configuration = MockServerConfiguration()
        configuration.dataset.leadCount = 100
        configuration.faults.latencyMilliseconds = 2_000
        try await withMockServer(configuration) { server in
            let counters = FetchCounters()
            let client = LinerClient(
                httpClient: .shared, baseURL: server.baseURL, apiKey: APIKey(configuration.apiKey), timeoutSeconds: 10,
                retry: RetryPolicy(maxAttempts: 3, baseDelaySeconds: 0.01), counters: counters, logger: quietLogger)
            let request = Task { try await client.get("/v2/lead/", query: [("limit", "10")]) }
            // Cancelled the moment the server has the request, its answer 2 s away.
            let received = await server.statistics { statistics in
                guard statistics.leadListRequests >= 1 else { return false }
                request.cancel()
                return true
            }
            try #require(received.leadListRequests == 1)
            await #expect(throws: CancellationError.self) { try await request.value }
            #expect(counters.requests == 1)
            #expect(counters.retries.isEmpty, "retries: \(counters.retries)")
        }
    }
}
