import Foundation
import LinerMock
import Testing

/// `--base-url`: a pipeline, the shipped demo's included, run against a server on whatever port it got.
struct BaseURLOptionTests {
    static let demoPipeline = CommandLineTests.root + "/pipelines/demo.json"

    @Test func theDemoPipelineRunsAgainstAFakeServerOnAnyPort() async throws {
        var configuration = MockServerConfiguration()
        configuration.dataset.leadCount = 5_000
        try await withMockServer(configuration) { server in
            try withTemporaryFolder { folder in
                let environment = ["LINER_API_KEY": configuration.apiKey]
                let options = ["--base-url", server.baseURL + "/"]
                let validate = try CommandLineTests.run(["validate", Self.demoPipeline] + options, in: folder, environment: environment)
                #expect(validate.status == 0, "\(validate.errors)")
                #expect(validate.output.contains("source: \(server.baseURL)/v2/lead/"), "\(validate.output)")
                let preview = try CommandLineTests.run(["preview", Self.demoPipeline, "--rows", "2"] + options, in: folder, environment: environment)
                #expect(preview.status == 0, "\(preview.errors)")
                #expect(preview.output.contains("2 of 2700 leads"), "\(preview.output)")

                let run = try CommandLineTests.run(["run", "--quiet", Self.demoPipeline] + options, in: folder, environment: environment)
                #expect(run.status == 0, "\(run.errors)")
                let csv = try PythonReader.csvRows(folder + "/exports/demo-2024-01-01-2024-01-03.csv", delimiter: ";")
                #expect(csv.count == 2_700, "45 hours of Moscow's two days, a lead a minute")
                #expect(Set(csv.map { $0["id"] }).count == 2_700)
                #expect(server.statistics().leadListRequests > 0, "the leads came from this server")
            }
        }
    }

    @Test(arguments: [
        ("ftp://127.0.0.1:1", #"Error: --base-url: expected an http(s) URL like "https://example.liner.host", got "ftp://127.0.0.1:1""#),
        ("http://example.com", #"Error: --base-url: expected https:// for a host that is not loopback, got "http://example.com""#),
        ("https://x.liner.host/v2/lead/", #"got "https://x.liner.host/v2/lead/"; use "https://x.liner.host""#),
    ])
    func aBadAddressExits2NamingTheOptionAndWritesNothing(address: String, message: String) throws {
        try withTemporaryFolder { folder in
            for command in [["validate"], ["run", "--dry-run"], ["run"], ["preview"]] {
                let result = try CommandLineTests.run(
                    command + [Self.demoPipeline, "--base-url", address], in: folder, environment: ["LINER_API_KEY": "k"])
                #expect(result.status == 2, "\(command): \(result.errors)")
                #expect(result.errors.contains(message), "\(command): \(result.errors)")
                #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty, "\(command) wrote nothing")
            }
        }
    }
}
