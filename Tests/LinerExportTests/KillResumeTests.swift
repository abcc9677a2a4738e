import Foundation
import LinerMock
import Testing

/// `kill -9` of a real `liner-export run` process, then the same command again: the published files
/// are byte-identical to an uninterrupted run's, and nothing is published while a run is incomplete.
struct KillResumeTests {
    static func pipeline(baseURL: String) -> String {
        """
        {"version": 1, "name": "resume",
         "source": {"baseURL": "\(baseURL)", "requestsPerSecond": 0, "concurrency": 2},
         "window": {"from": "2024-01-01", "to": "2024-01-06", "timeZone": "UTC", "chunk": "day", "stateFile": "state/resume.json"},
         "outputs": [{"format": "csv", "path": "out/{name}-{from}.csv", "bom": true, "delimiter": ";"},
                     {"format": "ndjson", "path": "out/{name}-{from}.ndjson"}]}
        """
    }

    /// Starts the binary in `folder`; its output goes to files there, so no pipe can fill up.
    static func start(_ folder: String, key: String) throws -> Process {
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
        try process.run()
        return process
    }

    static func files(_ folder: String) throws -> [Data] {
        try ["out/resume-2024-01-01.csv", "out/resume-2024-01-01.ndjson"].map {
            try Data(contentsOf: URL(fileURLWithPath: folder + "/" + $0))
        }
    }

    /// Kills `process` once the state file records `checkpoints` complete windows (none: 200 ms after
    /// it started), watching from a thread of its own: while the suite keeps the cooperative pool busy, a
    /// task's sleep can end seconds late, long after the run it meant to interrupt has finished.
    /// - Returns: whether the kill was sent while the process was running.
    static func kill(_ process: Process, afterCheckpoints checkpoints: Int, in folder: String) async -> Bool {
        let watched = WatchedProcess(process: process)
        return await withCheckedContinuation { continuation in
            Thread {
                let started = Date()
                while watched.process.isRunning && Date().timeIntervalSince(started) < 30 {
                    if checkpoints == 0 ? Date().timeIntervalSince(started) >= 0.2 : completeWindows(in: folder) >= checkpoints {
                        break
                    }
                    usleep(2_000)
                }
                let isRunning = watched.process.isRunning
                if isRunning { Foundation.kill(watched.process.processIdentifier, SIGKILL) }
                continuation.resume(returning: isRunning)
            }.start()
        }
    }

    /// Complete windows the state file records.
    static func completeWindows(in folder: String) -> Int {
        let state = (try? String(contentsOfFile: folder + "/state/resume.json", encoding: .utf8)) ?? ""
        return state.components(separatedBy: "\"isComplete\" : true").count - 1
    }

    /// A process handed to the watching thread; only that thread signals it while the test waits.
    struct WatchedProcess: @unchecked Sendable {
        let process: Process
    }

    @Test func killedRunsResumeToTheBytesOfAnUninterruptedRun() async throws {
        #expect(FileManager.default.isExecutableFile(atPath: CommandLineTests.binary), "build the package first")
        var configuration = MockServerConfiguration()
        configuration.dataset.leadCount = 8_000
        // 40 ms a page: a window of 15 pages at concurrency 2 takes at least ~0.3 s, far longer than the
        // 2 ms between two looks at the state file, so a kill right after a checkpoint lands mid-run.
        configuration.faults.latencyMilliseconds = 40
        try await withMockServer(configuration) { server in
            let reference = try makeTemporaryFolder()
            try Data(Self.pipeline(baseURL: server.baseURL).utf8).write(to: URL(fileURLWithPath: reference + "/pipeline.json"))
            let whole = try Self.start(reference, key: configuration.apiKey)
            whole.waitUntilExit()
            #expect(whole.terminationStatus == 0)

            let folder = try makeTemporaryFolder()
            try Data(Self.pipeline(baseURL: server.baseURL).utf8).write(to: URL(fileURLWithPath: folder + "/pipeline.json"))
            var kills = 0
            // Killed inside the first window, then right after each of the next three checkpoints.
            for checkpoints in 0...3 {
                let process = try Self.start(folder, key: configuration.apiKey)
                if await Self.kill(process, afterCheckpoints: checkpoints, in: folder) { kills += 1 }
                process.waitUntilExit()
                if process.terminationReason == .uncaughtSignal {
                    #expect(!FileManager.default.fileExists(atPath: folder + "/out/resume-2024-01-01.csv"), "nothing published mid-run")
                }
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
        }
    }
}
