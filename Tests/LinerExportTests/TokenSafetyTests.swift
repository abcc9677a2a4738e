import Foundation
import InMemoryLogging
import LinerMock
import Logging
import Testing
@testable import LinerExport

/// The token goes to `source.baseURL` and nowhere else: not along a redirect, not into a message.
struct TokenSafetyTests {
    @Test func aRedirectToAnotherOriginFailsTheRunAndTheTokenStaysHome() async throws {
        try await withMockServer { elsewhere in
            var configuration = MockServerConfiguration()
            configuration.leadListRedirectOrigin = elsewhere.baseURL
            try await withTemporaryFolder { folder async throws in
                let error = await #expect(throws: ExportError.self) {
                    _ = try await withMockServer(configuration) { server in
                        let spec = makeTestPipeline(server: server, folder: folder) { $0.source.requestsPerSecond = 0 }
                        return try await ExportRunner(spec: spec, apiKey: APIKey(configuration.apiKey), logger: quietLogger).run()
                    }
                }
                let message = error?.message ?? ""
                #expect(message.contains("HTTP 302"))
                #expect(message.contains("/v2/lead/?"), "names the request URL: \(message)")
                #expect(message.contains("\(elsewhere.baseURL)/v2/lead/?"), "names the Location: \(message)")
                #expect(error?.exitCode == 1)
                #expect(!message.contains(configuration.apiKey))
                #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty, "nothing published")
            }
            let statistics = elsewhere.statistics()
            #expect(statistics.requestsWithAPIKey == 0 && statistics.requestsServed == 0, "no request followed the redirect")
        }
    }

    @Test func aRedirectIsNeverRetried() {
        let failure = RequestFailure.redirect(code: 301, url: "https://a.example/v2/lead/", location: "http://a.example/v2/lead/")
        #expect(!failure.isTransient)
        #expect(failure.error(path: "/v2/lead/", attempts: 1).message.contains("from https://a.example/v2/lead/ to http://a.example/v2/lead/"))
    }

    @Test func errorPagesQuotingTheTokenReachNeitherTheErrorNorTheLog() async throws {
        var configuration = MockServerConfiguration()
        configuration.faults.errorRate = 1
        configuration.errorPagesEchoAPIKey = true
        let logs = InMemoryLogHandler()
        var logger = Logger(label: "test") { _ in logs }
        logger.logLevel = .trace
        try await withTemporaryFolder { folder async throws in
            let error = await #expect(throws: ExportError.self) {
                _ = try await withMockServer(configuration) { server in
                    let spec = makeTestPipeline(server: server, folder: folder) {
                        ResilienceTests.makeFast(&$0.source)
                        $0.source.maxAttempts = 3
                    }
                    return try await ExportRunner(spec: spec, apiKey: APIKey(configuration.apiKey), logger: logger).run()
                }
            }
            let message = error?.message ?? ""
            #expect(message.contains("X-Api-Key: <redacted>"), "the server's page is still quoted: \(message)")
            #expect(!message.contains(configuration.apiKey))
        }
        let retries = logs.entries.filter { "\($0.message)" == "request failed, retrying" }
        #expect(!retries.isEmpty)
        for entry in logs.entries {
            let line = "\(entry.message) \(entry.metadata)"
            #expect(!line.contains(configuration.apiKey), "logged: \(line)")
        }
    }

    @Test func redactingCoversATokenCutShortBySnippet() {
        let key = APIKey("lnr.9f2c-0123456789")
        #expect(key.redacting("502 (X-Api-Key: lnr.9f2c-0123456789) again lnr.9f2c-0123456789") == "502 (X-Api-Key: <redacted>) again <redacted>")
        #expect(key.redacting("title X-Api-Key: lnr.9f2c-01…") == "title X-Api-Key: <redacted>…")
        #expect(key.redacting("nothing here…") == "nothing here…")
    }
}
