import ArgumentParser
import Dispatch
import Foundation
import LinerExport

/// Runs `body`, cancelling it on SIGINT or SIGTERM, and turns an `ExportError` into one line on
/// stderr and its documented exit code: 1 run failed (nothing published), 2 bad pipeline or arguments,
/// 3 authentication refused. `body` may throw `ExitCode(4)` itself (published with warnings).
/// - Parameter pipeline: the pipeline file `body` reads, named in front of every error about it.
func runReportingErrors(pipeline: String? = nil, _ body: @escaping @Sendable () async throws -> Void) async throws {
    let task = Task { try await body() }
    let signalSources = [SIGINT, SIGTERM].map { signalNumber in
        signal(signalNumber, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: signalNumber)
        source.setEventHandler { task.cancel() }
        source.resume()
        return source
    }
    defer { signalSources.forEach { $0.cancel() } }
    do {
        try await task.value
    } catch var error as ExportError {
        if let pipeline { error = error.naming(pipelineFile: pipeline) }
        FileHandle.standardError.write(Data("Error: \(error.message)\n".utf8))
        throw ExitCode(error.exitCode)
    } catch is CancellationError {
        FileHandle.standardError.write(Data("Error: interrupted; nothing was published\n".utf8))
        throw ExitCode(1)
    }
}
