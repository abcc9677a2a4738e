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
        #expect(failure.error(url: "https://a.example/v2/lead/", attempts: 1).message.contains("from https://a.example/v2/lead/ to http://a.example/v2/lead/"))
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

/// Where the token is read: a control character inside it is refused, naming the place, never the token.
struct APIKeyLoadingTests {
    static let tokens = ["lnr.9f2c\nsecond-line", "lnr.9f2c\r\nsecond-line", "lnr.9f2c\u{0}second-line",
                         "lnr.9f2c\u{1B}second-line", "lnr.9f2c\u{7F}second-line", "lnr.9f2c\tsecond-line"]

    @Test(arguments: tokens)
    func aControlCharacterInTheVariableIsRefused(_ token: String) {
        let source = SourceSpec(baseURL: "https://example.liner.host", apiKeyEnv: "LINER_TEST_KEY")
        let error = #expect(throws: ExportError.self) { try APIKey.resolve(source, environment: ["LINER_TEST_KEY": token]) }
        Self.expectRefusal(error, place: "LINER_TEST_KEY")
    }

    @Test(arguments: tokens)
    func aControlCharacterInTheFileIsRefused(_ token: String) throws {
        try withTemporaryFolder { folder in
            let path = folder + "/token"
            try Data((token + "\n").utf8).write(to: URL(fileURLWithPath: path))
            var source = SourceSpec(baseURL: "https://example.liner.host")
            source.apiKeyFile = path
            let error = #expect(throws: ExportError.self) { try APIKey.resolve(source, environment: [:]) }
            Self.expectRefusal(error, place: path)
        }
    }

    @Test(arguments: ["lnr.9f2c-second\n", "lnr.9f2c-second\r\n", "  lnr.9f2c-second \n\n"])
    func aFileEndingInANewlineStillWorks(_ text: String) throws {
        try withTemporaryFolder { folder in
            let path = folder + "/token"
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            var source = SourceSpec(baseURL: "https://example.liner.host")
            source.apiKeyFile = path
            #expect(try APIKey.resolve(source, environment: [:]).value == "lnr.9f2c-second")
        }
    }

    static func expectRefusal(_ error: ExportError?, place: String) {
        let message = error?.message ?? ""
        #expect(error?.exitCode == 2)
        #expect(message.contains("control character") && message.contains(place), "\(message)")
        #expect(!message.contains("lnr.9f2c") && !message.contains("second-line"), "\(message)")
    }
}
