import Foundation
import LinerMock
import Testing

/// With `"since": "last-success"`, `validate` and `run --dry-run` show the window and the file names
/// the next run takes from the state file: the ones it then writes.
struct IncrementalPlanTests {
    /// The value after `prefix` on the first line of `text` that starts with it.
    static func line(_ prefix: String, in text: String) -> String? {
        text.split(separator: "\n").first { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }
    }

    /// Every file of `folder` with its bytes and modification time.
    static func snapshot(_ folder: String) throws -> [String: String] {
        var files: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) {
            let path = folder + "/" + name
            let modified = (try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            files[name] = "\(modified) " + ((try? Data(contentsOf: URL(fileURLWithPath: path)).base64EncodedString()) ?? "folder")
        }
        return files
    }

    @Test func validateAndDryRunShowWhatTheNextIncrementalRunWrites() async throws {
        var configuration = MockServerConfiguration()
        configuration.dataset.leadCount = 600
        // Leads up to a few minutes before now, so each run has some.
        let start = (Date().timeIntervalSince1970 / 60).rounded(.down) * 60 - 590 * 60
        configuration.dataset.firstCreatedAt = Date(timeIntervalSince1970: start)
        try await withMockServer(configuration) { server in
            let json = """
                {"version": 1, "name": "inc", "source": {"baseURL": "\(server.baseURL)"},
                 "window": {"from": "2 days ago", "since": "last-success", "stateFile": "state/inc.json", "timeZone": "UTC"},
                 "outputs": [{"format": "csv", "path": "out/{name}-{from}.csv"}],
                 "manifest": {"path": "out/{name}-{from}.manifest.json"}}
                """
            try CommandLineTests.withPipeline(json) { folder, path in
                let environment = ["LINER_API_KEY": configuration.apiKey]
                let first = try CommandLineTests.run(["run", "--quiet", path], in: folder, environment: environment)
                #expect(first.status == 0, "\(first.errors)")
                let written = Set(try FileManager.default.contentsOfDirectory(atPath: folder + "/out"))

                let stateBefore = try Self.snapshot(folder + "/state")
                let validate = try CommandLineTests.run(["validate", path], in: folder, environment: environment)
                #expect(validate.status == 0, "\(validate.errors)")
                let dryRun = try CommandLineTests.run(["run", "--dry-run", "--quiet", path], in: folder, environment: environment)
                #expect(dryRun.status == 0, "\(dryRun.errors)")
                #expect(try Self.snapshot(folder + "/state") == stateBefore, "the state read, not changed")

                let second = try CommandLineTests.run(["run", "--quiet", path], in: folder, environment: environment)
                #expect(second.status == 0, "\(second.errors)")
                let new = Set(try FileManager.default.contentsOfDirectory(atPath: folder + "/out")).subtracting(written).sorted()
                #expect(new.count == 2, "a CSV and a manifest of the next window: \(new)")
                let csv = try #require(new.first { $0.hasSuffix(".csv") })

                #expect(Self.line("output: csv → ", in: validate.output) == "out/" + csv, "\(validate.output)")
                #expect(Self.line("manifest: ", in: validate.output) == "out/" + csv.dropLast(4) + ".manifest.json")
                #expect(Self.line("would write: csv → ", in: dryRun.output) == "out/" + csv, "\(dryRun.output)")
                // The window starts where the first run ended: what the second run's manifest says.
                let manifestPath = folder + "/out/" + csv.dropLast(4) + ".manifest.json"
                let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: manifestPath))) as? [String: Any]
                let from = try #require((manifest?["window"] as? [String: Any])?["from"] as? String)
                for output in [validate.output, dryRun.output] {
                    #expect(Self.line("window: ", in: output)?.hasPrefix(from + " to ") == true, "\(from) vs \(output)")
                }
                #expect(validate.output.contains("state: state/inc.json (last success "), "\(validate.output)")
            }
        }
    }
}
