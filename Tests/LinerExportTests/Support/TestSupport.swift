import Foundation
import LinerMock
import Logging
@testable import LinerExport

/// Starts a fake Liner server on 127.0.0.1 (a free port), runs `body`, and always shuts it down.
func withMockServer<T>(
    _ configuration: MockServerConfiguration = MockServerConfiguration(),
    _ body: (MockLinerServer) async throws -> T
) async throws -> T {
    let server = try await MockLinerServer.start(configuration)
    do {
        let result = try await body(server)
        try await server.shutdown()
        return result
    } catch {
        try? await server.shutdown()
        throw error
    }
}

/// Runs `body` with a fresh empty folder under the system's temporary folder, and removes the folder
/// and everything in it afterwards, whether `body` returned or threw.
func withTemporaryFolder<T>(_ body: (_ folder: String) throws -> T) throws -> T {
    let folder = try makeTemporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    return try body(folder)
}

/// Runs `body` with a fresh empty folder under the system's temporary folder, and removes the folder
/// and everything in it afterwards, whether `body` returned or threw.
func withTemporaryFolder<T>(_ body: (_ folder: String) async throws -> T) async throws -> T {
    let folder = try makeTemporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    return try await body(folder)
}

/// A fresh empty folder under the system's temporary folder; `withTemporaryFolder` removes it again.
private func makeTemporaryFolder() throws -> String {
    let path = NSTemporaryDirectory() + "liner-export-tests-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// A pipeline for tests, built as a value: `server`'s URL with the key variable `LINER_TEST_KEY`, the
/// day 2024-01-01 in UTC, and a CSV and an NDJSON output in `folder`. `configure` changes what a test
/// needs (`$0.source.maxAttempts = 12`).
func makeTestPipeline(
    server: MockLinerServer, folder: String, configure: (inout PipelineSpec) -> Void = { _ in }
) -> PipelineSpec {
    var spec = PipelineSpec(
        name: "test",
        source: SourceSpec(baseURL: server.baseURL, apiKeyEnv: "LINER_TEST_KEY"),
        window: utcWindow(from: "2024-01-01T00:00:00Z", to: "2024-01-02T00:00:00Z"),
        outputs: [
            OutputSpec(format: .csv, path: "\(folder)/leads-{from}.csv"),
            OutputSpec(format: .ndjson, path: "\(folder)/leads-{from}.ndjson"),
        ])
    configure(&spec)
    return spec
}

/// The window between two instants written with an offset (`2024-01-01T00:00:00Z`), read in UTC.
func utcWindow(from: String, to: String) -> WindowSpec {
    WindowSpec(from: WindowBound(from)!, to: WindowBound(to)!, timeZone: TimeZone(identifier: "UTC")!)
}

/// Columns of the given fields under their own names, as a file lists them (`"columns": ["id", "statusId"]`).
func fieldColumns(_ names: String...) -> [ColumnSelection] {
    names.map { .field($0, title: nil) }
}

/// A logger that drops everything: tests read results, not logs.
let quietLogger = Logger(label: "test") { _ in SwiftLogNoOpLogHandler() }

/// Runs a program and returns its exit status, standard output and standard error. Standard error
/// goes through a file, so a program that writes a lot to both streams cannot fill a pipe and hang.
func runProgram(_ arguments: [String], environment: [String: String]? = nil) throws -> (status: Int32, output: String, errors: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    if let environment { process.environment = environment }
    let output = Pipe()
    let errorsPath = NSTemporaryDirectory() + "liner-export-stderr-" + UUID().uuidString
    FileManager.default.createFile(atPath: errorsPath, contents: nil)
    defer { try? FileManager.default.removeItem(atPath: errorsPath) }
    let errors = try FileHandle(forWritingTo: URL(fileURLWithPath: errorsPath))
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    let outputData = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    try errors.close()
    let errorData = try Data(contentsOf: URL(fileURLWithPath: errorsPath))
    return (process.terminationStatus, String(decoding: outputData, as: UTF8.self), String(decoding: errorData, as: UTF8.self))
}

struct ProgramFailed: Error, CustomStringConvertible {
    let description: String
}


/// Runs the pipeline `makeSpec` builds for a fresh fake server (started with `configuration`) to the
/// end, with the server's key, and returns the summary; the server is shut down either way.
func exportFromMockServer(
    _ configuration: MockServerConfiguration, _ makeSpec: (MockLinerServer) throws -> PipelineSpec
) async throws -> RunSummary {
    try await withMockServer(configuration) { server in
        try await ExportRunner(spec: makeSpec(server), apiKey: APIKey(configuration.apiKey), logger: quietLogger).run()
    }
}
