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
            try await Task.sleep(for: .milliseconds(300))  // the request is out, its answer 2 s away
            request.cancel()
            await #expect(throws: CancellationError.self) { try await request.value }
            #expect(counters.requests == 1)
            #expect(counters.retries.isEmpty, "retries: \(counters.retries)")
        }
    }
}
