import Foundation
import LinerMock
import Testing

/// `kill -9` of a changes run, while it rescans and between its rescan and its publish (while it
/// looks up the leads the rescan no longer served), then the same command again: the change set is
/// byte-identical to an uninterrupted run's, and the tracked leads are those of the last success
/// until a run publishes.
struct ChangesKillResumeTests {
    static func pipeline(baseURL: String) -> String {
        """
        {"version": 1, "name": "changes",
         "source": {"baseURL": "\(baseURL)", "requestsPerSecond": 0, "concurrency": 2},
         "window": {"from": "2024-01-01", "to": "2024-01-10", "timeZone": "UTC", "chunk": "day", "stateFile": "state/changes.json"},
         "changes": {"rescan": "30 days"},
         "outputs": [{"format": "csv", "path": "out/{name}.csv", "content": "changes"},
                     {"format": "ndjson", "path": "out/{name}.ndjson", "content": "changes"},
                     {"format": "ndjson", "path": "out/snapshot.ndjson", "content": "snapshot"}]}
        """
    }

    static func files(_ folder: String) throws -> [Data] {
        try ["out/changes.csv", "out/changes.ndjson", "out/snapshot.ndjson"].map { try Data(contentsOf: URL(fileURLWithPath: folder + "/" + $0)) }
    }

    static func run(_ folder: String, key: String) throws {
        let process = try KillResumeTests.start(folder, key: key)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\((try? String(contentsOfFile: folder + "/stderr.txt", encoding: .utf8)) ?? "")")
    }

    static func trackedFiles(_ folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder + "/state").filter { $0.contains(".tracked-") }.sorted()
    }

    @Test func killedChangesRunsResumeToTheBytesOfAnUninterruptedRun() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: CommandLineTests.binary), "build the package first")
        var configuration = MockServerConfiguration()
        configuration.dataset.leadCount = 6_000
        configuration.faults.latencyMilliseconds = 20
        try await withMockServer(configuration) { server in
            try await withTemporaryFolder { reference in
                try await withTemporaryFolder { folder in
                    for place in [reference, folder] {
                        try Data(Self.pipeline(baseURL: server.baseURL).utf8).write(to: URL(fileURLWithPath: place + "/pipeline.json"))
                        try Self.run(place, key: configuration.apiKey)
                    }
                    try server.advance(to: 1)
                    #expect(!server.changes(from: 0, to: 1).archived.isEmpty, "the second run looks leads up")
                    try Self.run(reference, key: configuration.apiKey)

                    let tracked = try Self.trackedFiles(folder)
                    let published = try Self.files(folder)
                    // Killed while rescanning, then after the rescan, at its first lookup by id.
                    let (rescanning, killedRescanning) = try await KillResumeTests.runKilled(
                        folder, key: configuration.apiKey, atLeadListRequest: 12, of: server)
                    #expect(killedRescanning && rescanning.terminationReason == .uncaughtSignal)
                    let (lookingUp, killedLookingUp) = try await KillResumeTests.runKilled(
                        folder, key: configuration.apiKey, atRequest: 1, counting: { $0.leadDetailRequests }, of: server)
                    #expect(killedLookingUp && lookingUp.terminationReason == .uncaughtSignal)
                    #expect(try Self.files(folder) == published, "nothing published by the killed runs")
                    #expect(try Self.trackedFiles(folder).filter { $0.hasSuffix(".index") || $0.hasSuffix(".values") } == tracked,
                            "the tracked leads are the last success's")

                    try Self.run(folder, key: configuration.apiKey)
                    let errors = try String(contentsOfFile: folder + "/stderr.txt", encoding: .utf8)
                    #expect(errors.contains("resuming an interrupted run"))
                    #expect(try Self.files(folder) == Self.files(reference), "byte-identical to the uninterrupted run")
                    let rows = try PythonReader.ndjsonRows(folder + "/out/changes.ndjson")
                    let truth = server.changes(from: 0, to: 1)
                    #expect(rows.count == truth.created.count + truth.updated.count + truth.archived.count)
                    #expect(try Self.trackedFiles(folder).count == 2, "one generation left: the new one's index and values")
                }
            }
        }
    }
}
