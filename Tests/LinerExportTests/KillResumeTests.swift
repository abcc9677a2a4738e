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

    /// Waits until the state file records `count` complete windows (or the process ends, or 30 s pass).
    static func waitForCheckpoints(_ count: Int, in folder: String, while process: Process) async throws {
        let deadline = ContinuousClock.now + .seconds(30)
        while process.isRunning && ContinuousClock.now < deadline {
            let state = (try? String(contentsOfFile: folder + "/state/resume.json", encoding: .utf8)) ?? ""
            if state.components(separatedBy: "\"isComplete\" : true").count - 1 >= count { return }
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    @Test func killedRunsResumeToTheBytesOfAnUninterruptedRun() async throws {
        #expect(FileManager.default.isExecutableFile(atPath: CommandLineTests.binary), "build the package first")
        var configuration = MockServerConfiguration()
        configuration.dataset.leadCount = 8_000
        // 40 ms a page: a window of 15 pages at concurrency 2 takes at least ~0.3 s, far longer than the
        // 10 ms between two looks at the state file, so a kill right after a checkpoint lands mid-run.
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
                if checkpoints == 0 {
                    try await Task.sleep(for: .milliseconds(200))
                } else {
                    try await Self.waitForCheckpoints(checkpoints, in: folder, while: process)
                }
                if process.isRunning {
                    kill(process.processIdentifier, SIGKILL)
                    kills += 1
                }
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
