import Foundation
import LinerMock
import Testing
@testable import LinerExport

/// A backfill in shards: `plan`, shard processes (one killed and restarted), `render` — the same bytes
/// as one `run` of the range.
struct ShardTests {
    /// Days of 1,440 leads (one a minute) from 2024-01-01 UTC, a state file and CSV + NDJSON under `folder`.
    static func pipeline(baseURL: String, folder: String, name: String = "bf", statusIds: [Int] = []) -> String {
        """
        {"version": 1, "name": "\(name)", "source": {"baseURL": "\(baseURL)", "requestsPerSecond": 0},
         "window": {"from": "2024-01-01", "to": "2024-01-08", "chunk": "day", "stateFile": "\(folder)/state/bf.json", "timeZone": "UTC"},
         "filters": {"statusIds": \(statusIds)},
         "outputs": [{"format": "csv", "path": "\(folder)/out/{name}.csv"}, {"format": "ndjson", "path": "\(folder)/out/{name}.ndjson"}]}
        """
    }

    @Test func threeShardsOneKilledAndRestartedRenderTheBytesOfOneRun() async throws {
        var configuration = MockServerConfiguration()
        configuration.dataset.leadCount = 8_000   // five days of 1,440, then 800
        configuration.faults.latencyMilliseconds = 5
        try await withMockServer(configuration) { server in
            try await withTemporaryFolder { folder in
                let environment = ["LINER_API_KEY": configuration.apiKey]
                let sharded = folder + "/sharded.json", single = folder + "/single.json"
                try Data(Self.pipeline(baseURL: server.baseURL, folder: folder + "/a").utf8).write(to: URL(fileURLWithPath: sharded))
                try Data(Self.pipeline(baseURL: server.baseURL, folder: folder + "/b").utf8).write(to: URL(fileURLWithPath: single))
                let plan = try CommandLineTests.run(["plan", sharded, "--shards", "3", "--output", folder + "/plan.json"], environment: environment)
                #expect(plan.status == 0, "\(plan.errors)")
                #expect(plan.errors.contains("plan: 7 windows, 8000 leads, 3 shards holding 2880/2880/2240 leads"), "\(plan.errors)")
                let planned = try ShardPlan.load(path: folder + "/plan.json")
                #expect(planned.windows.map(\.leads) == [1_440, 1_440, 1_440, 1_440, 1_440, 800, 0])
                #expect(planned.windows.map(\.shard) == [0, 1, 2, 0, 1, 2, 2])

                let shard0 = try CommandLineTests.run(["run", "--quiet", sharded, "--plan", folder + "/plan.json", "--shard", "0"], environment: environment)
                #expect(shard0.status == 0, "\(shard0.errors)")
                #expect(shard0.output.hasPrefix("shard 0 of 3 (0-based): 2 windows fetched, 2880 leads"), "\(shard0.output)")

                // Shard 1 is killed once its first window (15 pages) is done and its second is under way.
                let killedAt = server.statistics().leadListRequests + 20
                let process = Process()
                process.executableURL = URL(fileURLWithPath: CommandLineTests.binary)
                process.arguments = ["run", "--quiet", sharded, "--plan", folder + "/plan.json"]
                process.environment = ProcessInfo.processInfo.environment.merging(environment.merging(["JOB_COMPLETION_INDEX": "1"]) { $1 }) { $1 }
                process.standardOutput = FileHandle.nullDevice
                process.standardError = FileHandle.nullDevice
                try process.run()
                let pid = process.processIdentifier
                _ = await server.statistics { statistics in
                    guard statistics.leadListRequests >= killedAt else { return false }
                    kill(pid, SIGKILL)
                    return true
                }
                process.waitUntilExit()
                #expect(process.terminationReason == .uncaughtSignal)

                let early = try CommandLineTests.run(["render", "--quiet", sharded, "--plan", folder + "/plan.json"], environment: environment)
                #expect(early.status == 1, "\(early.errors)")
                #expect(early.errors.contains(
                    "4 of the plan's 7 windows are not fetched yet: window 3 (2024-01-03T00:00:00Z to 2024-01-04T00:00:00Z, shard 2), "
                        + "window 5 (2024-01-05T00:00:00Z to 2024-01-06T00:00:00Z, shard 1)"), "\(early.errors)")
                #expect(!FileManager.default.fileExists(atPath: folder + "/a/out/bf.csv"), "nothing written")

                // Shard 1 started again and shard 2, at the same time, in the same state folder.
                async let restartedRun = Task.detached {
                    try CommandLineTests.run(
                        ["run", "--quiet", sharded, "--plan", folder + "/plan.json"], environment: environment.merging(["JOB_COMPLETION_INDEX": "1"]) { $1 })
                }.value
                async let shard2Run = Task.detached {
                    try CommandLineTests.run(["run", "--quiet", sharded, "--plan", folder + "/plan.json", "--shard", "2"], environment: environment)
                }.value
                let (restarted, shard2) = try await (restartedRun, shard2Run)
                #expect(restarted.status == 0, "\(restarted.errors)")
                #expect(restarted.output.hasPrefix("shard 1 of 3 (0-based): 2 windows fetched (1 resumed), 2880 leads, 15 requests"), "\(restarted.output)")
                #expect(shard2.status == 0, "\(shard2.errors)")
                #expect(shard2.output.hasPrefix("shard 2 of 3 (0-based): 3 windows fetched, 2240 leads"), "\(shard2.output)")

                let render = try CommandLineTests.run(["render", "--quiet", sharded, "--plan", folder + "/plan.json"], environment: environment)
                #expect(render.status == 0, "\(render.errors)")
                #expect(render.output.contains("leads: 8000 exported"), "\(render.output)")
                let run = try CommandLineTests.run(["run", "--quiet", single], environment: environment)
                #expect(run.status == 0, "\(run.errors)")
                for file in ["bf.csv", "bf.ndjson"] {
                    let rendered = try Data(contentsOf: URL(fileURLWithPath: folder + "/a/out/" + file))
                    let direct = try Data(contentsOf: URL(fileURLWithPath: folder + "/b/out/" + file))
                    #expect(rendered == direct, "\(file): the rendered shards equal one run, byte for byte")
                }
                #expect(try PythonReader.csvRows(folder + "/a/out/bf.csv").count == 8_000)
            }
        }
    }

    @Test func aShardRefusesAPlanMadeForAnotherPipelineOrRange() async throws {
        var configuration = MockServerConfiguration()
        configuration.dataset.leadCount = 3_000
        try await withMockServer(configuration) { server in
            try await withTemporaryFolder { folder in
                let environment = ["LINER_API_KEY": configuration.apiKey]
                let path = folder + "/p.json", other = folder + "/other.json"
                try Data(Self.pipeline(baseURL: server.baseURL, folder: folder).utf8).write(to: URL(fileURLWithPath: path))
                try Data(Self.pipeline(baseURL: server.baseURL, folder: folder, statusIds: [1]).utf8).write(to: URL(fileURLWithPath: other))
                let plan = try CommandLineTests.run(["plan", path, "--shards", "2", "--output", folder + "/plan.json"], environment: environment)
                #expect(plan.status == 0, "\(plan.errors)")
                // The same pipeline with a plan whose range was edited.
                var edited = try ShardPlan.load(path: folder + "/plan.json")
                edited.toMilliseconds += 86_400_000
                try edited.write(to: folder + "/edited.json")
                for (pipeline, planFile) in [(other, "plan.json"), (path, "edited.json")] {
                    for command in [["run", pipeline, "--shard", "0"], ["render", pipeline]] {
                        let result = try CommandLineTests.run(command + ["--plan", folder + "/" + planFile], environment: environment)
                        #expect(result.status == 2, "\(command) \(planFile): \(result.errors)")
                        #expect(result.errors.contains("was made for another pipeline or range"), "\(result.errors)")
                    }
                }
                let outside = try CommandLineTests.run(["run", path, "--plan", folder + "/plan.json", "--shard", "2"], environment: environment)
                #expect(outside.status == 2)
                #expect(outside.errors.contains("--shard: expected 0 to 1 (the plan has 2 shards), got 2"), "\(outside.errors)")
                #expect(!FileManager.default.fileExists(atPath: folder + "/out"), "nothing written")
            }
        }
    }

    /// Two pods of one index (a restarted pod while the old one still runs) cannot both fetch, and render
    /// waits for them: the shard's lock.
    @Test func aShardHeldByAnotherProcessIsNeitherFetchedTwiceNorRendered() async throws {
        var configuration = MockServerConfiguration()
        configuration.dataset.leadCount = 3_000
        try await withMockServer(configuration) { server in
            try await withTemporaryFolder { folder in
                let environment = ["LINER_API_KEY": configuration.apiKey]
                let path = folder + "/p.json"
                try Data(Self.pipeline(baseURL: server.baseURL, folder: folder).utf8).write(to: URL(fileURLWithPath: path))
                let plan = try CommandLineTests.run(["plan", path, "--shards", "2", "--output", folder + "/plan.json"], environment: environment)
                #expect(plan.status == 0, "\(plan.errors)")
                let requests = server.statistics().leadListRequests
                try FileManager.default.createDirectory(atPath: folder + "/state", withIntermediateDirectories: true)
                let held = try RunLock(path: ShardPlan.shardStatePath(stateFile: folder + "/state/bf.json", shard: 1) + ".lock", pipeline: "bf") {
                    ExportError.state($0)
                }
                defer { held.unlock() }
                let second = try CommandLineTests.run(["run", path, "--plan", folder + "/plan.json", "--shard", "1"], environment: environment)
                #expect(second.status == 1, "\(second.errors)")
                #expect(second.errors.contains("another run of pipeline bf is still running"), "\(second.errors)")
                #expect(server.statistics().leadListRequests == requests, "nothing fetched")
                let render = try CommandLineTests.run(["render", path, "--plan", folder + "/plan.json"], environment: environment)
                #expect(render.status == 1)
                #expect(render.errors.contains("shard 1 of the plan is still running"), "\(render.errors)")
            }
        }
    }

    @Test func windowsAreDealtLargestFirstToTheLeastLoadedShard() {
        #expect(ShardPlanner.deal([10, 1, 1, 1, 1, 6], to: 2) == [0, 1, 1, 1, 1, 1])
        #expect(ShardPlanner.deal([5, 5, 5, 5], to: 3) == [0, 1, 2, 0])
        #expect(ShardPlanner.deal([3, 0, 7], to: 1) == [0, 0, 0])
    }
}
