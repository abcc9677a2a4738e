import Foundation
import LinerMock
import Testing
@testable import LinerExport

/// `--from`, `--to` and `--output-dir`: a one-off dump with a scheduled pipeline's settings, which
/// leaves that pipeline's state file and metrics textfile as they were.
struct OneOffRunTests {
    /// An incremental pipeline with a state file, metrics and outputs in `out/`.
    static func nightly(baseURL: String) -> String {
        """
        {"version": 1, "name": "nightly", "source": {"baseURL": "\(baseURL)"},
         "window": {"from": "2024-01-01", "since": "last-success", "stateFile": "state/nightly.json", "timeZone": "UTC"},
         "outputs": [{"format": "csv", "path": "out/csv/{name}-{from}-{to}.csv"}, {"format": "ndjson", "path": "out/{name}-{from}-{to}.ndjson"}],
         "metrics": {"textfile": "metrics/nightly.prom"}}
        """
    }

    @Test func aOneOffDumpWritesItsWindowIntoItsFolderAndLeavesTheStateAndMetricsAlone() async throws {
        var configuration = MockServerConfiguration()
        configuration.dataset.leadCount = 3_000
        try await withMockServer(configuration) { server in
            try CommandLineTests.withPipeline(Self.nightly(baseURL: server.baseURL)) { folder, path in
                let environment = ["LINER_API_KEY": configuration.apiKey]
                let scheduled = try CommandLineTests.run(["run", "--quiet", path], in: folder, environment: environment)
                #expect(scheduled.status == 0, "\(scheduled.errors)")
                let state = try IncrementalPlanTests.snapshot(folder + "/state")
                let metrics = try Data(contentsOf: URL(fileURLWithPath: folder + "/metrics/nightly.prom"))
                let validateBefore = try CommandLineTests.run(["validate", path], in: folder, environment: environment)

                let options = ["--from", "2024-01-01T06:00", "--to", "2024-01-01T18:00", "--output-dir", "dump"]
                let validate = try CommandLineTests.run(["validate", path] + options, in: folder, environment: environment)
                #expect(validate.status == 0, "\(validate.errors)")
                #expect(validate.output.contains("window: 2024-01-01T06:00:00Z to 2024-01-01T18:00:00Z (UTC)"), "\(validate.output)")
                #expect(validate.output.contains("output: csv → dump/nightly-2024-01-01T0600-2024-01-01T1800.csv"))
                #expect(validate.output.contains("manifest: dump/nightly.manifest.json"))
                #expect(validate.output.contains(
                    "one-off run: the window and the output folder from the command line; the state file state/nightly.json is "
                        + "neither read nor written, the metrics textfile metrics/nightly.prom is not written"), "\(validate.output)")
                #expect(!validate.output.contains("metrics: "))
                let dryRun = try CommandLineTests.run(["run", "--dry-run", "--quiet", path] + options, in: folder, environment: environment)
                #expect(dryRun.status == 0, "\(dryRun.errors)")
                #expect(dryRun.output.contains("server total: 720 leads"), "\(dryRun.output)")
                #expect(dryRun.output.contains("would write: ndjson → dump/nightly-2024-01-01T0600-2024-01-01T1800.ndjson"))
                #expect(!dryRun.output.contains("would update: state"))

                let oneOff = try CommandLineTests.run(["run", "--quiet", path] + options, in: folder, environment: environment)
                #expect(oneOff.status == 0, "\(oneOff.errors)")
                #expect(oneOff.output.hasPrefix("one-off run: "))
                let dumped = try FileManager.default.contentsOfDirectory(atPath: folder + "/dump").sorted()
                #expect(dumped == [
                    "nightly-2024-01-01T0600-2024-01-01T1800.csv", "nightly-2024-01-01T0600-2024-01-01T1800.ndjson", "nightly.manifest.json",
                ])
                let rows = try PythonReader.csvRows(folder + "/dump/nightly-2024-01-01T0600-2024-01-01T1800.csv")
                #expect(rows.count == 720, "leads of 06:00 to 18:00, one a minute")
                #expect(try IncrementalPlanTests.snapshot(folder + "/state") == state, "state file, lock and spool untouched")
                #expect(try Data(contentsOf: URL(fileURLWithPath: folder + "/metrics/nightly.prom")) == metrics, "metrics untouched")

                let validateAfter = try CommandLineTests.run(["validate", path], in: folder, environment: environment)
                for prefix in ["window: ", "state: "] {
                    let before = IncrementalPlanTests.line(prefix, in: validateBefore.output)?.components(separatedBy: " to ").first
                    #expect(before != nil && IncrementalPlanTests.line(prefix, in: validateAfter.output)?.components(separatedBy: " to ").first == before,
                            "the next scheduled run is unchanged: \(validateAfter.output)")
                }
            }
        }
    }

    @Test(arguments: [
        (["--from", "2024-13-01"], #"Error: --from: expected a date (2024-01-01), a date-time"#),
        (["--to", "next week"], #"Error: --to: expected a date (2024-01-01), a date-time"#),
        (["--from", "2024-04-01", "--to", "2024-01-01"], #"Error: --from/--to: expected "from" before "to", got 2024-04-01T00:00:00Z to 2024-01-01T00:00:00Z"#),
        (["--to", "2023-12-01"], #"Error: --to: expected "from" before "to", got 2024-01-01T00:00:00Z to 2023-12-01T00:00:00Z"#),
        (["--output-dir", ""], #"Error: --output-dir: expected a folder"#),
    ])
    func badOptionsExit2NamingTheOption(options: [String], message: String) throws {
        try CommandLineTests.withPipeline(Self.nightly(baseURL: "http://127.0.0.1:9")) { folder, path in
            for command in [["validate"], ["run", "--dry-run"], ["run"]] {
                let result = try CommandLineTests.run(command + [path] + options, in: folder, environment: ["LINER_API_KEY": "k"])
                #expect(result.status == 2, "\(command)")
                #expect(result.errors.hasPrefix(message), "\(command): \(result.errors)")
            }
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["pipeline.json"], "nothing created")
        }
    }

    @Test func outputsFromTwoFoldersThatWouldCollideInTheOneOffFolderAreRefused() throws {
        let spec = try PipelineLoader.decode(Data("""
            {"version": 1, "source": {"baseURL": "http://127.0.0.1:9"}, "window": "yesterday",
             "outputs": [{"format": "csv", "path": "a/leads.csv"}, {"format": "csv", "path": "b/leads.csv"}]}
            """.utf8), origin: "x.json")
        let error = #expect(throws: ExportError.self) { try OneOffRun(outputFolder: "dump").applied(to: spec) }
        #expect(error?.message == #"--output-dir: outputs[0] and outputs[1] would both write "dump/leads.csv""#)
        #expect(error?.exitCode == 2)
    }

    /// The rejects file is one of the run's files: it goes into the one-off folder with the outputs.
    @Test func theRejectsFileMovesIntoTheOneOffFolderToo() throws {
        let spec = try PipelineLoader.decode(Data("""
            {"version": 1, "source": {"baseURL": "http://127.0.0.1:9"}, "window": "yesterday",
             "outputs": [{"format": "csv", "path": "exports/leads.csv"}], "rejects": {"path": "exports/{name}.rejects.csv"}}
            """.utf8), origin: "x.json")
        #expect(try OneOffRun(outputFolder: "dump").applied(to: spec).rejects?.path == "dump/{name}.rejects.csv")
        let clashing = try PipelineLoader.decode(Data("""
            {"version": 1, "source": {"baseURL": "http://127.0.0.1:9"}, "window": "yesterday",
             "outputs": [{"format": "csv", "path": "a/x.csv"}], "rejects": {"path": "b/x.csv"}}
            """.utf8), origin: "x.json")
        let error = #expect(throws: ExportError.self) { try OneOffRun(outputFolder: "dump").applied(to: clashing) }
        #expect(error?.message == #"--output-dir: the rejects file and another file would both be "dump/x.csv""#)
    }

    @Test func aOneOffKeepsTheFileNamesAndPlaceholdersAndDropsTheState() throws {
        let spec = try PipelineLoader.decode(Data(Self.nightly(baseURL: "http://127.0.0.1:9").utf8), origin: "x.json")
        let oneOff = try OneOffRun(from: "2024-01-01T12:00", outputFolder: "/srv/dump/").applied(to: spec)
        #expect(oneOff.outputs.map(\.path) == ["/srv/dump/{name}-{from}-{to}.csv", "/srv/dump/{name}-{from}-{to}.ndjson"])
        #expect(oneOff.window.from == .wallClock(year: 2024, month: 1, day: 1, hour: 12, minute: 0, second: 0))
        #expect(oneOff.window.to == spec.window.to)
        #expect(oneOff.window.stateFile == nil && !oneOff.window.sinceLastSuccess && oneOff.metrics == nil)
        #expect(try OneOffRun().applied(to: spec) == spec, "no option: the pipeline as scheduled")
    }
}
