import AsyncHTTPClient
import Foundation
import InMemoryLogging
import LinerMock
import Logging
import Testing
@testable import LinerExport

/// A server that is slow, huge or not who it says it is cannot hold the run, fill its memory or get
/// retried into a storm: each attempt ends within `timeoutSeconds`, head and body; a body larger than
/// the response budget and a certificate that does not verify fail the run at once; a server that is
/// down fails it in seconds, naming the host and port.
struct HostileServerTests {
    /// The run's error against a fake server with `faults`, and the server's lead-list requests.
    static func failedExport(
        _ faults: (inout MockFaults) -> Void, source: (inout SourceSpec) -> Void
    ) async throws -> (error: ExportError, leadListRequests: Int) {
        var configuration = MockServerConfiguration()
        configuration.dataset.leadCount = 300
        faults(&configuration.faults)
        return try await withTemporaryFolder { folder in
            try await withMockServer(configuration) { server in
                let spec = makeTestPipeline(server: server, folder: folder) { source(&$0.source) }
                let error = await #expect(throws: ExportError.self) {
                    try await ExportRunner(spec: spec, apiKey: APIKey(configuration.apiKey), logger: quietLogger).run()
                }
                let published = try FileManager.default.contentsOfDirectory(atPath: folder)
                #expect(published.isEmpty, "nothing published: \(published)")
                return (try #require(error), server.statistics().leadListRequests)
            }
        }
    }

    @Test(.timeLimit(.minutes(3)))
    func aServerDrippingItsBodyIsCutOffAtTheTimeout() async throws {
        // One byte every 50 ms: no read waits long, a page would take hours.
        let (error, requests) = try await Self.failedExport({ $0.dripMilliseconds = 50 }) {
            $0.timeoutSeconds = 1
            $0.concurrency = 1
            $0.maxAttempts = 2
            $0.retryBaseDelaySeconds = 0.01
        }
        #expect(error.message.contains("no complete response within 1 s"), "\(error.message)")
        #expect(error.message.contains("after 2 attempts"), "\(error.message)")
        #expect(requests == 2)
    }

    @Test func aBodyOverTheBudgetIsRefusedOnceAndNotRetried() async throws {
        // concurrency 16: each request may take 4 MiB; the padding makes every page 5 MiB.
        let (error, requests) = try await Self.failedExport({ $0.paddingBytes = 5 * 1024 * 1024 }) {
            $0.concurrency = 16
            $0.maxAttempts = 5
            $0.retryBaseDelaySeconds = 0.01
        }
        #expect(error.message.contains("larger than 4 MiB"), "\(error.message)")
        #expect(!error.message.contains("attempts"), "\(error.message)")
        #expect(requests <= 16, "the first wave's pages, none asked for again: \(requests)")
    }

    @Test func anOversizedBodyIsAskedForOnce() async throws {
        var configuration = MockServerConfiguration()
        configuration.dataset.leadCount = 300
        configuration.faults.paddingBytes = 5 * 1024 * 1024
        try await withMockServer(configuration) { server in
            let client = Self.client(baseURL: server.baseURL, apiKey: configuration.apiKey, maxResponseBytes: 4 * 1024 * 1024)
            await #expect(throws: ExportError.self) { try await client.get("/v2/lead/", query: [("limit", "100")]) }
            try await client.httpClient.shutdown()
            #expect(server.statistics().leadListRequests == 1)
        }
    }

    @Test func aBodyDenserThanTheBudgetIsRefusedOnce() async throws {
        // 1 MiB of `0,` is half a million values: a page's share at concurrency 16 is 131,072.
        var configuration = MockServerConfiguration()
        configuration.dataset.leadCount = 300
        configuration.faults.paddingBytes = 1024 * 1024
        try await withMockServer(configuration) { server in
            let client = Self.client(baseURL: server.baseURL, apiKey: configuration.apiKey, maxResponseBytes: 4 * 1024 * 1024)
            let error = await #expect(throws: ExportError.self) { try await client.get("/v2/lead/", query: [("limit", "100")]) }
            #expect(error?.message.contains("holds more than 131072 JSON values") == true, "\(String(describing: error))")
            #expect(server.statistics().leadListRequests == 1)
            try await client.httpClient.shutdown()
        }
    }

    /// A client with 5 attempts and quick retries, set up as a pipeline's source would be. Its minute per
    /// attempt keeps a body read on a busy machine from timing out (and being asked for again).
    static func client(baseURL: String, apiKey: String, maxResponseBytes: Int = 4 * 1024 * 1024) -> LinerClient {
        LinerClient(
            httpClient: HTTPClient(configuration: .init(source: SourceSpec(baseURL: baseURL, apiKeyEnv: "LINER_TEST_KEY", timeoutSeconds: 60))),
            baseURL: baseURL, apiKey: APIKey(apiKey), timeoutSeconds: 60,
            retry: RetryPolicy(maxAttempts: 5, baseDelaySeconds: 0.01), counters: FetchCounters(), logger: quietLogger,
            maxResponseBytes: maxResponseBytes)
    }

    @Test func aBodyWithinTheBudgetIsRead() async throws {
        var configuration = MockServerConfiguration()
        configuration.dataset.leadCount = 300
        configuration.faults.paddingBytes = 1024 * 1024
        let summary = try await withTemporaryFolder { folder in
            try await exportFromMockServer(configuration) { server in
                makeTestPipeline(server: server, folder: folder) { $0.source.concurrency = 1 }
            }
        }
        #expect(summary.leads == 300)
        #expect(summary.retries.isEmpty, "read at once, not retried: \(summary.retries)")
    }

    @Test func aServerThatIsDownFailsInSecondsNamingHostAndPort() async throws {
        let port = try unusedLoopbackPort()
        let logs = InMemoryLogHandler()
        var logger = Logger(label: "test") { _ in logs }
        logger.logLevel = .debug
        let error = try await withTemporaryFolder { folder in
            let spec = PipelineSpec(
                name: "down", source: SourceSpec(baseURL: "http://127.0.0.1:\(port)", apiKeyEnv: "LINER_TEST_KEY"),
                window: utcWindow(from: "2024-01-01T00:00:00Z", to: "2024-01-02T00:00:00Z"),
                outputs: [OutputSpec(format: .csv, path: "\(folder)/leads.csv")])
            return await #expect(throws: ExportError.self) {
                try await ExportRunner(spec: spec, apiKey: APIKey("key"), logger: logger).run()
            }
        }
        let message = try #require(error).message
        #expect(message.contains("cannot connect to 127.0.0.1:\(port) (connection refused); check source.baseURL"), "\(message)")
        #expect(message.contains("after 5 attempts"), "\(message)")
        let retries = logs.entries.filter { "\($0.message)" == "request failed, retrying" }
        let warned = retries.filter { $0.level == .warning }.count
        // The requests in flight fail at once, for the same reason: one warning, the others quieted.
        #expect(retries.count >= 4 && warned >= 1 && warned < retries.count, "warned \(warned) of \(retries.count) retries")
    }

    @Test func aCertificateThatDoesNotVerifyFailsAtOnce() async throws {
        let server = try await TLSTestServer.start()
        defer { server.stop() }
        let client = Self.client(baseURL: "https://localhost:\(server.port)", apiKey: "key")
        let error = await #expect(throws: ExportError.self) { try await client.get("/v2/lead/") }
        try await client.httpClient.shutdown()
        let message = try #require(error).message
        #expect(message.contains("TLS handshake failed"), "\(message)")
        #expect(server.connections == 1, "a certificate that does not verify is not tried again")
    }
}
