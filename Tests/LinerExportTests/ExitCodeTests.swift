import Foundation
import LinerMock
import Testing

/// The documented exit codes of `liner-export run`, as a scheduler sees them.
struct ExitCodeTests {
    static func pipeline(baseURL: String, onWarnings: String) -> String {
        """
        {"version": 1, "name": "codes", "onWarnings": "\(onWarnings)",
         "source": {"baseURL": "\(baseURL)", "requestsPerSecond": 0},
         "window": {"from": "2024-01-01", "to": "2024-01-02", "timeZone": "UTC"},
         "outputs": [{"format": "csv", "path": "out/{name}.csv"}]}
        """
    }

    @Test(arguments: [("ignore", Int32(0), true), ("exit-4", Int32(4), true), ("fail", Int32(1), false)])
    func warningsExitAsThePipelineSays(_ policy: String, _ status: Int32, _ publishes: Bool) async throws {
        var configuration = MockServerConfiguration()
        configuration.dataset.leadCount = 2_000
        try await withMockServer(configuration) { server in
            try CommandLineTests.withPipeline(Self.pipeline(baseURL: server.baseURL, onWarnings: policy)) { folder, path in
                let result = try CommandLineTests.run(["run", path], in: folder, environment: ["LINER_API_KEY": configuration.apiKey])
                #expect(result.status == status, "\(result.errors)")
                #expect(FileManager.default.fileExists(atPath: folder + "/out/codes.csv") == publishes)
                if publishes {
                    #expect(result.output.contains("warnings: "), "the summary lists warnings by kind")
                    #expect(result.output.contains("invalid_phone"))
                } else {
                    #expect(result.errors.contains("onWarnings is \"fail\""))
                }
            }
        }
    }
}
