import Foundation
import LinerMock
import Testing

/// What a run writes around its work, as the tools around it see it: the progress bar on a terminal,
/// `--verbose`'s request lines, JSON logs and summary for a log collector, the hint after an interruption.
struct RunOutputCommandLineTests {
    static func pipeline(baseURL: String, days: Int = 1, extra: String = "") -> String {
        """
        {"version": 1, "name": "cli", "source": {"baseURL": "\(baseURL)", "concurrency": 1, "requestsPerSecond": 0},
         "window": {"from": "2024-01-01", "to": "2024-01-0\(1 + days)", "timeZone": "UTC"\(extra)},
         "outputs": [{"format": "csv", "path": "out/{name}-{from}.csv"}]}
        """
    }

    static func configuration(leads: Int = 2_000, latencyMilliseconds: Int = 0) -> MockServerConfiguration {
        var configuration = MockServerConfiguration()
        configuration.dataset.leadCount = leads
        configuration.faults.latencyMilliseconds = latencyMilliseconds
        return configuration
    }

    /// On an 80-column terminal, with a log line per request (`--verbose`) and `chunk: day`: every frame
    /// of the bar fits in 79 columns and tells the window and the total; every log line starts on a line
    /// of its own; the bar is gone at the end.
    @Test func progressBarFitsEightyColumnsAndLogLinesNeverLandOnIt() async throws {
        let configuration = Self.configuration(leads: 4_320, latencyMilliseconds: 30)
        try await withMockServer(configuration) { server in
            try CommandLineTests.withPipeline(Self.pipeline(baseURL: server.baseURL, days: 3, extra: #", "chunk": "day""#)) { folder, path in
                let terminal = try PseudoTerminal(columns: 80)
                let process = Process()
                process.executableURL = URL(fileURLWithPath: CommandLineTests.binary)
                process.arguments = ["run", "--verbose", path]
                process.currentDirectoryURL = URL(fileURLWithPath: folder)
                var environment = ProcessInfo.processInfo.environment
                environment["LINER_API_KEY"] = configuration.apiKey
                environment.removeValue(forKey: "COLUMNS")
                process.environment = environment
                process.standardOutput = FileHandle.nullDevice
                process.standardError = terminal.programSide
                try process.run()
                try terminal.programStarted()
                process.waitUntilExit()
                let screen = TerminalScreen(terminal.readAll())
                #expect(process.terminationStatus == 0, "\(screen.lines.suffix(5))")

                #expect(!screen.frames.isEmpty, "a bar was drawn")
                for frame in screen.frames { #expect(frame.count <= 79, "fits 80 columns: \(frame)") }
                #expect(screen.frames.contains { $0.contains("/4320 leads (") && $0.wholeMatch(of: /.*window [1-3]\/3.*/) != nil },
                        "window k/n and the range's total with chunk: day: \(screen.frames)")
                for line in screen.lines where !line.isEmpty {
                    #expect(line.wholeMatch(of: /20\d\d-\d\d-\d\dT\S+ (debug|info|warning) liner-export: .*/) != nil,
                            "a log line on a line of its own: \(line)")
                }
                #expect(screen.lines.contains { $0.contains("GET http://127.0.0.1:") }, "--verbose logged the requests")
                #expect(screen.bottom.isEmpty, "the bar is cleared at the end: \(screen.bottom)")
            }
        }
    }

    /// `--verbose`: one line per request with method, URL, status, bytes, milliseconds and attempt, and
    /// none of AsyncHTTPClient's own; `--trace` adds those.
    @Test func verboseLogsOneLinePerRequest() async throws {
        let configuration = Self.configuration()
        try await withMockServer(configuration) { server in
            try CommandLineTests.withPipeline(Self.pipeline(baseURL: server.baseURL)) { folder, path in
                let environment = ["LINER_API_KEY": configuration.apiKey]
                let verbose = try CommandLineTests.run(["run", "--verbose", path], in: folder, environment: environment)
                #expect(verbose.status == 0, "\(verbose.errors)")
                let lines = verbose.errors.split(separator: "\n")
                #expect(!lines.contains { $0.contains("[AsyncHTTPClient]") || $0.contains("ahc-") }, "\(lines.prefix(3))")
                let requestLines = lines.filter {
                    $0.wholeMatch(of: /\S+ debug liner-export: attempt=1 bytes=\d+ ms=\d+ status=200 \[LinerExport\] GET http:\/\/127\.0\.0\.1:\d+\/v2\/\S+/)
                        != nil
                }
                let requests = verbose.output.firstMatch(of: /requests: (\d+) for/).flatMap { Int($0.1) }
                #expect(requestLines.count == requests && requestLines.count > 10, "one line per request: \(lines.prefix(12))")
                #expect(requestLines.contains { $0.contains("/v2/lead/?") })
                #expect(lines.count < requestLines.count + 10, "little besides: \(lines.count) lines")
                #expect(!(verbose.output + verbose.errors).contains(configuration.apiKey))

                let trace = try CommandLineTests.run(["run", "--trace", path], in: folder, environment: environment)
                #expect(trace.status == 0, "\(trace.errors)")
                #expect(trace.errors.contains("[AsyncHTTPClient]"), "--trace keeps the HTTP client's lines")
                #expect(!trace.errors.contains(configuration.apiKey))
            }
        }
    }

    /// `--log-format json --summary-format json`, as the shipped crontab line runs: stderr is JSON lines
    /// whose counts are JSON numbers, stdout one JSON object; a failed run's error is a JSON line too.
    @Test func jsonLogsAndSummaryAreOneParsableStream() async throws {
        let configuration = Self.configuration()
        try await withMockServer(configuration) { server in
            try CommandLineTests.withPipeline(Self.pipeline(baseURL: server.baseURL)) { folder, path in
                let result = try CommandLineTests.run(
                    ["run", "--verbose", "--log-format", "json", "--summary-format", "json", path], in: folder,
                    environment: ["LINER_API_KEY": configuration.apiKey])
                #expect(result.status == 0, "\(result.errors)")
                let logs = try result.errors.split(separator: "\n").map {
                    try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any], "\($0)")
                }
                let complete = try #require(logs.first { $0["message"] as? String == "window complete" })
                #expect(complete["leads"] as? Int == 1_440 && !(complete["leads"] is String), "a number: \(complete)")
                #expect(complete["window"] as? String == "1/1")
                let request = try #require(logs.first { ($0["message"] as? String)?.hasPrefix("GET ") == true })
                #expect(request["status"] as? Int == 200 && request["bytes"] is Int && request["ms"] is Int && request["attempt"] as? Int == 1)

                let lines = result.output.split(separator: "\n")
                #expect(lines.count == 1, "one object on stdout: \(result.output)")
                let summary = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
                #expect(summary["status"] as? String == "success" && summary["exitCode"] as? Int == 0)
                #expect(summary["pipeline"] as? String == "cli")
                let counts = try #require(summary["counts"] as? [String: Any])
                #expect(counts["leads"] as? Int == 1_440 && counts["serverTotal"] as? Int == 1_440)
                let files = try #require(summary["files"] as? [[String: Any]])
                #expect(files.first?["rows"] as? Int == 1_440 && files.first?["path"] as? String == "out/cli-2024-01-01.csv")
                #expect((summary["window"] as? [String: Any])?["from"] as? String == "2024-01-01T00:00:00Z")

                let refused = try CommandLineTests.run(
                    ["run", "--log-format", "json", "--summary-format", "json", path], in: folder,
                    environment: ["LINER_API_KEY": "wrong-token-123"])
                #expect(refused.status == 3 && refused.output.isEmpty)
                let errorLines = try refused.errors.split(separator: "\n").map {
                    try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any], "\($0)")
                }
                let error = try #require(errorLines.last)
                #expect(error["level"] as? String == "error" && error["exitCode"] as? Int == 3)
                #expect((error["message"] as? String)?.contains("refused the API token") == true)
                #expect(!refused.errors.contains("wrong-token-123"))
            }
        }
    }

    /// A run with a state file stopped in the middle says that the same command resumes it.
    @Test func anInterruptedRunSaysRunningTheSameCommandAgainResumes() async throws {
        let configuration = Self.configuration(latencyMilliseconds: 5_000)
        try await withMockServer(configuration) { server in
            try await withTemporaryFolder { folder in
                let json = Self.pipeline(baseURL: server.baseURL, days: 2, extra: #", "chunk": "day", "stateFile": "state/cli.json""#)
                try Data(json.utf8).write(to: URL(fileURLWithPath: folder + "/pipeline.json"))
                let process = Process()
                process.executableURL = URL(fileURLWithPath: CommandLineTests.binary)
                process.arguments = ["run", "--quiet", "pipeline.json"]
                process.currentDirectoryURL = URL(fileURLWithPath: folder)
                var environment = ProcessInfo.processInfo.environment
                environment["LINER_API_KEY"] = configuration.apiKey
                process.environment = environment
                let errors = Pipe()
                process.standardOutput = FileHandle.nullDevice
                process.standardError = errors
                try process.run()
                // A page is on its way: the run's windows are saved in the state.
                _ = await server.statistics { $0.leadListRequests >= 1 }
                kill(process.processIdentifier, SIGTERM)
                let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                process.waitUntilExit()
                #expect(process.terminationStatus == 143, "\(message)")
                #expect(message == "Error: interrupted by SIGTERM; nothing was published; running the same command again "
                    + "resumes the run (0 of 2 windows done, kept in state/cli.json)\n")
            }
        }
    }
}
