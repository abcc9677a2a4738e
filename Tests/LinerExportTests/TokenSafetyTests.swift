import Foundation
import LinerMock
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
}
