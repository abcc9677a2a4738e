import Foundation
import LinerMock
import Testing

/// `kill -9` of a real `liner-export run` process, then the same command again: the published files
/// (the rejects file included) are byte-identical to an uninterrupted run's, and nothing is published
/// while a run is incomplete.
struct KillResumeTests {
    static func pipeline(baseURL: String) -> String {
        """
        {"version": 1, "name": "resume",
         "source": {"baseURL": "\(baseURL)", "requestsPerSecond": 0, "concurrency": 2},
         "window": {"from": "2024-01-01", "to": "2024-01-06", "timeZone": "UTC", "chunk": "day", "stateFile": "state/resume.json"},
         "outputs": [{"format": "csv", "path": "out/{name}-{from}.csv", "bom": true, "delimiter": ";"},
                     {"format": "ndjson", "path": "out/{name}-{from}.ndjson"}],
         "rejects": {"path": "out/{name}-{from}.rejects.csv"}}
        """
    }

    /// Starts the binary in `folder`; its output goes to files there, so no pipe can fill up.
    static func start(_ folder: String, key: String) throws -> Process {
        let process = makeProcess(folder, key: key)
        try process.run()
        return process
    }

    /// The binary, ready to run in `folder`.
    static func makeProcess(_ folder: String, key: String) -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandLineTests.binary)
        process.arguments = ["run", folder + "/pipeline.json"]
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        var environment = ProcessInfo.processInfo.environment
        environment["LINER_API_KEY"] = key
        process.environment = environment
        _ = FileManager.default.createFile(atPath: folder + "/stdout.txt", contents: nil)
        _ = FileManager.default.createFile(atPath: folder + "/stderr.txt", contents: nil)
        process.standardOutput = FileHandle(forWritingAtPath: folder + "/stdout.txt")
        process.standardError = FileHandle(forWritingAtPath: folder + "/stderr.txt")
        return process
    }

    static func files(_ folder: String) throws -> [Data] {
        try ["out/resume-2024-01-01.csv", "out/resume-2024-01-01.ndjson", "out/resume-2024-01-01.rejects.csv"].map {
            try Data(contentsOf: URL(fileURLWithPath: folder + "/" + $0))
        }
    }

    /// Runs the binary in `folder` and kills it the moment the server receives the `number`-th lead-list
    /// request it sends: the run is certainly going then, waiting for that page. The kill is sent from
    /// the server's event loop as the request arrives, so a cooperative pool kept busy by the rest of the
    /// suite cannot delay it until after the run has finished.
    /// - Returns: the process, ended, and whether the kill was sent (false: the process ended before
    ///   sending that many requests).
    static func runKilled(
        _ folder: String, key: String, atLeadListRequest number: Int, of server: MockLinerServer
    ) async throws -> (process: Process, isKilled: Bool) {
        try await runKilled(folder, key: key, atRequest: number, counting: { $0.leadListRequests }, of: server)
    }

    /// `runKilled(_:key:atLeadListRequest:of:)` for the requests `count` counts (detail requests, …).
    static func runKilled(
        _ folder: String, key: String, atRequest number: Int, counting count: @escaping @Sendable (MockServerStatistics) -> Int,
        of server: MockLinerServer
    ) async throws -> (process: Process, isKilled: Bool) {
        let watched = WatchedProcess(process: makeProcess(folder, key: key))
        let (exit, exited) = AsyncStream.makeStream(of: Void.self)
        watched.process.terminationHandler = { _ in exited.finish() }
        let isKilled = await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                // Started and watched in one go: however late this task runs, the count starts from
                // the process's own requests and the wait is in place before it could reach `number`.
                let target = count(server.statistics()) + number
                do { try watched.process.run() } catch { return false }
                let statistics = await server.statistics { statistics in
                    guard count(statistics) >= target else { return false }
                    Foundation.kill(watched.process.processIdentifier, SIGKILL)
                    return true
                }
                return count(statistics) >= target
            }
            group.addTask {
                for await _ in exit {}
                return false
            }
            // Whichever ends first, the other is stopped: an exit ends the wait for the request.
            var isKilled = false
            for await sent in group {
                isKilled = isKilled || sent
                group.cancelAll()
            }
            return isKilled
        }
        if watched.process.processIdentifier != 0 { watched.process.waitUntilExit() }
        return (watched.process, isKilled)
    }

    /// Pages of 100 leads the day starting `2024-01-0<day>` takes (at least one, for an empty day).
    static func pages(ofDay day: Int, in dataset: MockDataset) -> Int {
        let start = Date(timeIntervalSince1970: 1_704_067_200 + Double(day - 1) * 86_400)
        let leads = dataset.expectedLeadIDs(createdFrom: start, createdTo: start.addingTimeInterval(86_400 - 1)).count
        return max(1, (leads + 99) / 100)
    }

    /// Complete windows the state file records.
    static func completeWindows(in folder: String) -> Int {
        let state = (try? String(contentsOfFile: folder + "/state/resume.json", encoding: .utf8)) ?? ""
        return state.components(separatedBy: "\"isComplete\" : true").count - 1
    }

    /// A process handed to the server's event loop, which kills it.
    struct WatchedProcess: @unchecked Sendable {
        let process: Process
    }

    @Test func killedRunsResumeToTheBytesOfAnUninterruptedRun() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: CommandLineTests.binary), "build the package first")
        var configuration = MockServerConfiguration()
        configuration.dataset.leadCount = 8_000
        // Each page answered 40 ms after its request: a killed run dies waiting for one.
        configuration.faults.latencyMilliseconds = 40
        try await withMockServer(configuration) { server in
            try await withTemporaryFolder { reference in
                try Data(Self.pipeline(baseURL: server.baseURL).utf8).write(to: URL(fileURLWithPath: reference + "/pipeline.json"))
                let whole = try Self.start(reference, key: configuration.apiKey)
                whole.waitUntilExit()
                #expect(whole.terminationStatus == 0)

                try await withTemporaryFolder { folder in
                    try Data(Self.pipeline(baseURL: server.baseURL).utf8).write(to: URL(fileURLWithPath: folder + "/pipeline.json"))
                    var kills = 0
                    // Killed inside the first window, then in the window after each of the next three
                    // checkpoints. Windows are fetched one after the other and each is checkpointed before
                    // the next one's first request, so a run resumed at window n that sends its
                    // (pages of n + 2)-th request has checkpointed n. One page into the next window, not
                    // its first request: a killed run's last request may still be counted after the next
                    // run's baseline was read.
                    for checkpoints in 0...3 {
                        let requests = checkpoints == 0 ? 2 : Self.pages(ofDay: checkpoints, in: server.dataset) + 2
                        let (process, isKilled) = try await Self.runKilled(
                            folder, key: configuration.apiKey, atLeadListRequest: requests, of: server)
                        if isKilled { kills += 1 }
                        #expect(process.terminationReason == .uncaughtSignal)
                        #expect(Self.completeWindows(in: folder) == checkpoints)
                        #expect(!FileManager.default.fileExists(atPath: folder + "/out/resume-2024-01-01.csv"), "nothing published mid-run")
                    }
                    #expect(kills == 4, "the kills landed while the run was going")
                    let state = try String(contentsOfFile: folder + "/state/resume.json", encoding: .utf8)
                    #expect(state.contains("\"isComplete\" : true"), "some windows were checkpointed before a kill")

                    let last = try Self.start(folder, key: configuration.apiKey)
                    last.waitUntilExit()
                    let errors = try String(contentsOfFile: folder + "/stderr.txt", encoding: .utf8)
                    #expect(last.terminationStatus == 0, "\(errors)")
                    #expect(errors.contains("resuming an interrupted run"))
                    #expect(try Self.files(folder) == Self.files(reference), "byte-identical to the uninterrupted run")
                    let rows = try PythonReader.ndjsonRows(folder + "/out/resume-2024-01-01.ndjson")
                    #expect(rows.count == 7_200)
                    let rejects = try PythonReader.csvRows(folder + "/out/resume-2024-01-01.rejects.csv")
                    #expect(rejects.count > 100, "the rejects file compared has rows")
                    let summary = try String(contentsOfFile: folder + "/stdout.txt", encoding: .utf8)
                    #expect(summary.contains("leads: 7200 exported, 0 duplicates skipped, server total 7200\n"),
                            "the summary of a resumed run counts the whole range: \(summary)")
                }
            }
        }
    }
}
