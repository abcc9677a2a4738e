import ArgumentParser
import Dispatch
import Foundation
import LinerExport
import Synchronization

/// Runs `body`, cancelling it on SIGINT or SIGTERM, and turns an `ExportError` into one line on
/// stderr and its documented exit code: 1 run failed (nothing published), 2 bad pipeline or arguments,
/// 3 authentication refused; 130 after SIGINT and 143 after SIGTERM (128 + the signal, as a shell
/// reports a process the signal killed, so a scheduler tells a stopped run from a failed one).
/// `body` may throw `ExitCode(4)` itself (published with warnings).
/// - Parameter pipeline: the pipeline file `body` reads, named in front of every error about it.
/// - Parameter printError: prints the failure's message for the exit code; `Error: …` on stderr by default.
/// - Parameter body: is given what reads the exit code a signal stopping it gives the process (nil
///   before any), for a run to record in its metrics.
func runReportingErrors(
    pipeline: String? = nil,
    printError: (_ message: String, _ exitCode: Int32) -> Void = { FileHandle.standardError.write(Data("Error: \($0)\n".utf8)); _ = $1 },
    _ body: @escaping @Sendable (_ stopExitCode: @escaping @Sendable () -> Int32?) async throws -> Void
) async throws {
    let received = ReceivedSignal()
    let task = Task { try await body { received.number == 0 ? nil : 128 + received.number } }
    let signalSources = [SIGINT, SIGTERM].map { signalNumber in
        signal(signalNumber, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: signalNumber)
        source.setEventHandler {
            received.record(signalNumber)
            task.cancel()
        }
        source.resume()
        return source
    }
    defer { signalSources.forEach { $0.cancel() } }
    do {
        try await task.value
    } catch let error where received.number != 0 && !(error is ExitCode) {
        // Whatever the cancelled run threw (an interrupted export, a request cut short), it was stopped.
        let name = received.number == SIGINT ? "SIGINT" : "SIGTERM"
        let hint = (error as? ExportError)?.resumeHint.map { "; " + $0 } ?? ""
        printError("interrupted by \(name); nothing was published\(hint)", 128 + received.number)
        throw ExitCode(128 + received.number)
    } catch var error as ExportError {
        if let pipeline { error = error.naming(pipelineFile: pipeline) }
        printError(error.messageWithResumeHint, error.exitCode)
        throw ExitCode(error.exitCode)
    } catch is CancellationError {
        printError("interrupted; nothing was published", 1)
        throw ExitCode(1)
    }
}

/// The first signal that stopped the run (0: none), set on the signal sources' queue.
private final class ReceivedSignal: Sendable {
    private let value = Atomic<Int32>(0)

    var number: Int32 { value.load(ordering: .acquiring) }

    func record(_ signalNumber: Int32) {
        _ = value.compareExchange(expected: 0, desired: signalNumber, ordering: .acquiringAndReleasing)
    }
}
