import Foundation
import LinerMock
import Testing
@testable import LinerExport

/// What an operator sees from the built binary when something is set up wrong: exit codes as the
/// README documents them, and messages that say what to change.
struct OperatorErrorTests {
    /// Argument errors exit 2 (the parser's own code is 64), still with the usage; help exits 0.
    @Test(arguments: [["run"], ["run", "--bogus", "x.json"], ["nosuchcommand"], ["preview", "x.json", "--rows", "0"]])
    func argumentErrorsExit2(arguments: [String]) throws {
        let result = try CommandLineTests.run(arguments)
        #expect(result.status == 2, "\(arguments): \(result.errors)")
        #expect(result.errors.hasPrefix("Error: "), "\(result.errors)")
        #expect(result.errors.contains("Usage: liner-export"), "\(result.errors)")
    }

    @Test(arguments: [["--help"], ["run", "--help"], ["help", "init"]])
    func helpExits0OnStdout(arguments: [String]) throws {
        let result = try CommandLineTests.run(arguments)
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output.contains("USAGE: liner-export"))
        #expect(result.errors.isEmpty)
    }

    @Test func versionPrintsTheOneVersion() throws {
        let result = try CommandLineTests.run(["--version"])
        #expect(result.status == 0, "\(result.errors)")
        #expect(result.output == ToolVersion.text + "\n")
        #expect(result.output.wholeMatch(of: /liner-export \d+\.\d+\.\d+\n/) != nil)
    }

    /// `…/v2/lead/` would be doubled by the client; both commands refuse it before anything else, with the fix.
    @Test(arguments: ["validate", "run"])
    func baseURLWithTheAPIPathIsRefusedWithTheCorrectedValue(command: String) throws {
        let json = CommandLineTests.pipeline(baseURL: "https://acme.liner.host/v2/lead/")
        try CommandLineTests.withPipeline(json) { folder, path in
            let result = try CommandLineTests.run([command, path], in: folder, environment: ["LINER_API_KEY": "k"])
            #expect(result.status == 2)
            #expect(result.errors == "Error: \(path): source.baseURL: expected the account's address without the API path "
                + #"(/v2/lead/ is appended to it), got "https://acme.liner.host/v2/lead/"; use "https://acme.liner.host""# + "\n")
            #expect(!FileManager.default.fileExists(atPath: folder + "/out"))
        }
    }

    /// The outputs are published by the time the metrics textfile is written: the run exits 1 and the
    /// error says both, so a scheduler sees the failure and a person knows the files are there. (A
    /// metrics folder that cannot be made when the run starts is refused before anything is fetched,
    /// exit 2: here it is blocked while the run waits for its first page.)
    @Test func anUnwritableMetricsTextfileFailsThePublishedRun() async throws {
        var configuration = MockServerConfiguration()
        configuration.dataset.leadCount = 300
        configuration.faults.latencyMilliseconds = 1_000
        try await withMockServer(configuration) { server in
            let json = CommandLineTests.pipeline(baseURL: server.baseURL)
                .replacingOccurrences(of: #""outputs""#, with: #""metrics": {"textfile": "blocked/liner.prom"}, "outputs""#)
            try await CommandLineTests.withPipeline(json) { folder, path in
                let process = Process()
                process.executableURL = URL(fileURLWithPath: CommandLineTests.binary)
                process.arguments = ["run", "--quiet", path]
                process.currentDirectoryURL = URL(fileURLWithPath: folder)
                process.environment = ProcessInfo.processInfo.environment.merging(["LINER_API_KEY": configuration.apiKey]) { $1 }
                let errors = Pipe()
                process.standardOutput = FileHandle.nullDevice
                process.standardError = errors
                try process.run()
                // The first page is asked for (and answered a second later): the run is past its checks. A folder,
                // not empty, goes where the metrics textfile should be (nothing can replace it, even as root)
                // right then, on the server's event loop, before that page can be answered.
                let blocked = await server.statistics { statistics in
                    guard statistics.leadListRequests >= 1 else { return false }
                    try? FileManager.default.createDirectory(atPath: folder + "/blocked/liner.prom", withIntermediateDirectories: true)
                    try? Data("in the way".utf8).write(to: URL(fileURLWithPath: folder + "/blocked/liner.prom/file"))
                    return true
                }
                #expect(blocked.leadListRequests >= 1)
                #expect(FileManager.default.fileExists(atPath: folder + "/blocked/liner.prom/file"))
                let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                process.waitUntilExit()
                let result = (status: process.terminationStatus, errors: message)
                #expect(result.status == 1, "\(result.errors)")
                #expect(result.errors.hasPrefix(
                    "Error: exported and published 1 file (manifest out/cli.manifest.json), but the metrics textfile "
                        + "blocked/liner.prom could not be written: "), "\(result.errors)")
                #expect(result.errors.hasSuffix("; monitoring still shows the previous run\n"), "\(result.errors)")
                let rows = try PythonReader.csvRows(folder + "/out/cli-2024-01-01.csv")
                #expect(!rows.isEmpty, "the outputs are published")
                #expect(FileManager.default.fileExists(atPath: folder + "/out/cli.manifest.json"))
            }
        }
    }
}
