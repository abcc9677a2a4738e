import Foundation
import LinerMock
import Testing

/// The built `liner-export` binary as a user or a scheduler runs it: exit codes, messages, files.
struct CommandLineTests {
    /// The package's folder, for files of the source tree (README, example pipelines).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
    /// The `liner-export` of the build these tests belong to. SwiftPM links the test executable into the
    /// same products folder as the package's executables (`.build/<triple>/debug`, `release`, or wherever
    /// `--scratch-path` puts them), so it is looked for beside the running tests: on Linux the test
    /// executable itself, on macOS the `.xctest` bundle that `xctest` or the testing helper loaded.
    static let binary: String = {
        let testProduct = Bundle.allBundles.map(\.bundleURL).first { $0.pathExtension == "xctest" }
            ?? Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])
        return testProduct.resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("liner-export").path
    }()

    static func run(_ arguments: [String], in folder: String? = nil, environment: [String: String] = [:]) throws
        -> (status: Int32, output: String, errors: String)
    {
        #expect(FileManager.default.isExecutableFile(atPath: binary), "build the package first: \(binary)")
        var fullEnvironment = ProcessInfo.processInfo.environment
        fullEnvironment.removeValue(forKey: "LINER_API_KEY")
        fullEnvironment.merge(environment) { $1 }
        let command = (folder.map { "cd '\($0)' && " } ?? "") + "exec \"$0\" \"$@\""
        return try runProgram(["bash", "-c", command, binary] + arguments, environment: fullEnvironment)
    }

    /// Runs `body` with a temporary folder holding `json` as `pipeline.json` and that file's path; the
    /// folder is removed afterwards.
    static func withPipeline<T>(_ json: String, _ body: (_ folder: String, _ path: String) throws -> T) throws -> T {
        try withTemporaryFolder { folder in
            let path = folder + "/pipeline.json"
            try Data(json.utf8).write(to: URL(fileURLWithPath: path))
            return try body(folder, path)
        }
    }

    static func withPipeline<T>(_ json: String, _ body: (_ folder: String, _ path: String) async throws -> T) async throws -> T {
        try await withTemporaryFolder { folder in
            let path = folder + "/pipeline.json"
            try Data(json.utf8).write(to: URL(fileURLWithPath: path))
            return try await body(folder, path)
        }
    }

    static func pipeline(baseURL: String, format: String = "csv") -> String {
        """
        {"version": 1, "name": "cli", "source": {"baseURL": "\(baseURL)"},
         "window": {"from": "2024-01-01", "to": "2024-01-02", "timeZone": "UTC"},
         "outputs": [{"format": "\(format)", "path": "out/{name}-{from}.csv"}]}
        """
    }

    @Test func badPipelineExits2WithTheKeyPathAndWritesNothing() throws {
        try Self.withPipeline(Self.pipeline(baseURL: "https://example.liner.host", format: "xls")) { folder, path in
            for command in ["validate", "run"] {
                let result = try Self.run([command, path], in: folder)
                #expect(result.status == 2)
                #expect(result.errors == "Error: \(path): outputs[0].format: expected one of csv, ndjson, xml, xlsx, got \"xls\"\n")
            }
            #expect(!FileManager.default.fileExists(atPath: folder + "/out"))
        }
    }

    @Test func reversedWindowNamesThePipelineFile() throws {
        let json = Self.pipeline(baseURL: "https://example.liner.host")
            .replacingOccurrences(of: #""from": "2024-01-01", "to": "2024-01-02""#, with: #""from": "2024-01-02", "to": "2024-01-01""#)
        try Self.withPipeline(json) { folder, path in
            for command in ["validate", "run"] {
                let result = try Self.run([command, path], in: folder, environment: ["LINER_API_KEY": "k"])
                #expect(result.status == 2)
                #expect(result.errors.hasPrefix(#"Error: \#(path): window: expected "from" before "to""#), "\(command): \(result.errors)")
            }
        }
    }

    @Test func outputPathThatIsAFolderExits2BeforeAnythingIsWritten() throws {
        let json = Self.pipeline(baseURL: "http://127.0.0.1:9")
            .replacingOccurrences(of: #""timeZone": "UTC"}"#, with: #""timeZone": "UTC", "stateFile": "state/cli.json"}"#)
        try Self.withPipeline(json) { folder, path in
            try FileManager.default.createDirectory(atPath: folder + "/out/cli-2024-01-01.csv", withIntermediateDirectories: true)
            for command in ["validate", "run"] {
                let result = try Self.run([command, path], in: folder, environment: ["LINER_API_KEY": "k"])
                #expect(result.status == 2)
                #expect(result.errors == "Error: \(path): outputs[0].path: \"out/cli-2024-01-01.csv\" is an existing folder; expected a file's path\n")
            }
            #expect(!FileManager.default.fileExists(atPath: folder + "/state"), "no state file, lock or spool")
        }
    }

    @Test func validatePrintsThePlan() throws {
        let result = try Self.run(["validate", PipelineSpecTests.pipelinesFolder + "nightly.json"], environment: ["LINER_API_KEY": "k"])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.contains("pipeline nightly: valid"))
        #expect(result.output.contains("token from environment variable LINER_API_KEY (set)"))
        #expect(result.output.contains("output: csv → exports/nightly/leads-"))
    }

    @Test func missingTokenExits2AndSaysWhereItLooked() throws {
        try Self.withPipeline(Self.pipeline(baseURL: "http://127.0.0.1:9")) { folder, path in
            let result = try Self.run(["run", path], in: folder)
            #expect(result.status == 2)
            #expect(result.errors.contains("the environment variable LINER_API_KEY (source.apiKeyEnv) holds no API token"))
        }
    }

    /// A scheduler's stop (SIGTERM) or Ctrl-C (SIGINT) in the middle of a fetch — waiting for a response
    /// head, or reading a body the server drips a byte at a time — cancels the run: nothing is published,
    /// and the exit code says which signal stopped it (128 + the signal).
    @Test(.timeLimit(.minutes(3)), arguments: [
        (SIGTERM, Int32(143), "SIGTERM", false), (SIGINT, Int32(130), "SIGINT", false), (SIGTERM, Int32(143), "SIGTERM", true),
    ])
    func aStoppedRunExitsWith128PlusTheSignalAndPublishesNothing(
        signalNumber: Int32, status: Int32, name: String, whileBodyDrips: Bool
    ) async throws {
        var configuration = MockServerConfiguration()
        configuration.dataset.leadCount = 2_000
        if whileBodyDrips {
            configuration.faults.dripMilliseconds = 20
        } else {
            configuration.faults.latencyMilliseconds = 5_000
        }
        try await withMockServer(configuration) { server in
            try await withTemporaryFolder { folder in
                let path = folder + "/pipeline.json"
                // The pipeline with a metrics textfile, which must record the exit code the process ends with.
                let pipeline = Self.pipeline(baseURL: server.baseURL).replacingOccurrences(
                    of: #""outputs":"#, with: #""metrics": {"textfile": "liner.prom"}, "outputs":"#)
                try Data(pipeline.utf8).write(to: URL(fileURLWithPath: path))
                let process = Process()
                process.executableURL = URL(fileURLWithPath: Self.binary)
                process.arguments = ["run", "--quiet", path]
                process.currentDirectoryURL = URL(fileURLWithPath: folder)
                var environment = ProcessInfo.processInfo.environment
                environment["LINER_API_KEY"] = configuration.apiKey
                process.environment = environment
                let errors = Pipe()
                process.standardOutput = FileHandle.nullDevice
                process.standardError = errors
                try process.run()
                // The first request is waiting out its latency: the run is in the middle of its fetch. The
                // signal goes at that moment, from the server's event loop, whatever this task's scheduling.
                let pid = process.processIdentifier
                _ = await server.statistics { statistics in
                    guard statistics.requestsServed >= 1 else { return false }
                    kill(pid, signalNumber)
                    return true
                }
                let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                process.waitUntilExit()
                #expect(process.terminationReason == .exit, "the signal is handled, not fatal")
                #expect(process.terminationStatus == status, "\(message)")
                #expect(message.contains("interrupted by \(name); nothing was published"), "\(message)")
                let published = (try? FileManager.default.contentsOfDirectory(atPath: folder + "/out")) ?? []
                #expect(published.isEmpty, "nothing published, no temporary file left: \(published)")
                let metrics = try String(contentsOfFile: folder + "/liner.prom", encoding: .utf8)
                #expect(metrics.contains("liner_export_last_run_exit_code{pipeline=\"cli\"} \(status)\n"), "\(metrics)")
                #expect(metrics.contains("liner_export_last_run_error{pipeline=\"cli\",kind=\"interrupted\"} 1\n"), "\(metrics)")
            }
        }
    }

    @Test func runExitsWith3ForARefusedTokenAnd0WithTheRightOne() async throws {
        var configuration = MockServerConfiguration()
        configuration.dataset.leadCount = 2_000
        try await withMockServer(configuration) { server in
            try Self.withPipeline(Self.pipeline(baseURL: server.baseURL)) { folder, path in
                let refused = try Self.run(["run", path], in: folder, environment: ["LINER_API_KEY": "wrong-token-123"])
                #expect(refused.status == 3)
                #expect(refused.errors.contains("refused the API token"))
                #expect(!refused.errors.contains("wrong-token-123"))
                #expect(!FileManager.default.fileExists(atPath: folder + "/out/cli-2024-01-01.csv"))

                let accepted = try Self.run(["run", "--verbose", path], in: folder, environment: ["LINER_API_KEY": configuration.apiKey])
                #expect(accepted.status == 0, "\(accepted.errors)")
                #expect(accepted.output.contains("leads: 1440 exported"))
                #expect(!(accepted.output + accepted.errors).contains(configuration.apiKey), "the token never appears in logs")
                let rows = try PythonReader.csvRows(folder + "/out/cli-2024-01-01.csv")
                #expect(rows.count == 1440)

                let json = try Self.run(
                    ["run", "--verbose", "--log-format", "json", path], in: folder, environment: ["LINER_API_KEY": configuration.apiKey])
                #expect(json.status == 0, "\(json.errors)")
                let lines = json.errors.split(separator: "\n")
                #expect(lines.count > 10, "debug lines are logged")
                for line in lines {
                    let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
                    #expect(object?["level"] != nil && object?["message"] != nil, "a JSON log line: \(line)")
                }
                #expect(!json.errors.contains(configuration.apiKey), "the token never appears in JSON logs")
            }
        }
    }

    @Test func previewPrintsNormalizedLeadsAndWritesNothing() async throws {
        var configuration = MockServerConfiguration()
        configuration.dataset.leadCount = 2_000
        try await withMockServer(configuration) { server in
            try Self.withPipeline(Self.pipeline(baseURL: server.baseURL)) { folder, path in
                let result = try Self.run(
                    ["preview", "--rows", "3", "--quiet", path], in: folder,
                    environment: ["LINER_API_KEY": configuration.apiKey, "COLUMNS": "80"])
                #expect(result.status == 0, "\(result.errors)")
                #expect(result.output.contains("-[ lead 3 ]"))
                #expect(!result.output.contains("-[ lead 4 ]"))
                #expect(result.output.split(separator: "\n").contains { $0.wholeMatch(of: /createdAt +\| 2024-01-01T00:00:00Z/) != nil })
                #expect(result.output.hasSuffix("3 of 1440 leads in 2024-01-01T00:00:00Z to 2024-01-02T00:00:00Z (UTC)\n"))
                #expect(!FileManager.default.fileExists(atPath: folder + "/out"))
            }
        }
    }

    @Test func demoWritesFilesIntoExports() throws {
        try withTemporaryFolder { folder in
            let result = try Self.run(["demo", "--quiet"], in: folder)
            #expect(result.status == 0, "\(result.errors)")
            let files = try FileManager.default.contentsOfDirectory(atPath: folder + "/exports").sorted()
            #expect(files == [
                "demo-2024-01-01-2024-01-03.csv", "demo-2024-01-01-2024-01-03.ndjson", "demo-2024-01-01-2024-01-03.records.xml",
                "demo-2024-01-01-2024-01-03.rejects.csv", "demo-2024-01-01-2024-01-03.xlsx", "demo-2024-01-01-2024-01-03.xml",
                "demo-changes-snapshot.xlsx", "demo-changes.csv", "demo-changes.manifest.json", "demo-changes.ndjson", "demo.manifest.json", "demo.prom",
            ])
            // Then changes capture: two runs, the fake account a day older for the second.
            #expect(result.output.contains("changes run 1: the first run tracks every lead (all created)"))
            let second = try #require(result.output.components(separatedBy: "changes run 2").last)
            let line = try #require(second.split(separator: "\n").first { $0.hasPrefix("changes: ") })
            let changes = try PythonReader.csvRows(folder + "/exports/demo-changes.csv", delimiter: ";")
            let counts = Dictionary(grouping: changes, by: { $0["changeType"] ?? "" }).mapValues(\.count)
            #expect(line.hasPrefix("changes: \(counts["created"] ?? 0) created, \(counts["updated"] ?? 0) updated, \(counts["archived"] ?? 0) archived"), "\(line)")
            #expect(Set(counts.keys) == ["created", "updated", "archived"], "the step moved every kind")
            let rows = try PythonReader.csvRows(folder + "/exports/" + files[0], delimiter: ";")
            #expect(rows.count == 2_700)
            #expect(rows.contains { ($0["name"] ?? "").unicodeScalars.contains { (0x400...0x4FF).contains($0.value) } }, "Cyrillic intact")
            #expect(try SpreadsheetReader.xlsxSheets(folder + "/exports/demo-2024-01-01-2024-01-03.xlsx")[0].rows.count == 2_701)
            #expect(try SpreadsheetReader.xmllintProblem(
                folder + "/exports/demo-2024-01-01-2024-01-03.records.xml", schema: SpreadsheetReader.schemaPath) == nil)
            #expect(try SpreadsheetReader.xmllintProblem(folder + "/exports/demo-2024-01-01-2024-01-03.xml") == nil)
        }
    }
}
