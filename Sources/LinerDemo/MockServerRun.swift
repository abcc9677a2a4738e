import Dispatch
import Foundation
import LinerMock

/// `liner-export mock-server`'s run: the fake Liner API in the foreground until SIGINT or SIGTERM.
public enum MockServerRun {
    /// Starts the fake server, tells `started` where it listens, serves until SIGINT or SIGTERM, then
    /// shuts it down cleanly. The signals are caught from before the server starts, so one sent as soon
    /// as the address is printed still ends the run cleanly.
    public static func serveUntilSignalled(
        _ configuration: MockServerConfiguration, started: (MockLinerServer) -> Void
    ) async throws {
        let signals = TerminationSignals()
        let server = try await MockLinerServer.start(configuration)
        started(server)
        await signals.wait()
        try await server.shutdown()
    }
}

/// SIGINT and SIGTERM, caught instead of ending the process, from creation on.
private final class TerminationSignals: @unchecked Sendable {
    private let lock = NSLock()
    private var hasArrived = false
    private var continuation: CheckedContinuation<Void, Never>?
    private var sources: [DispatchSourceSignal] = []

    init() {
        let queue = DispatchQueue(label: "mock-server.signals")
        sources = [SIGINT, SIGTERM].map { signalNumber in
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: queue)
            source.setEventHandler { [weak self] in self?.arrive() }
            source.resume()
            return source
        }
    }

    deinit { sources.forEach { $0.cancel() } }

    /// Suspends until a signal has arrived (returns at once if one has already).
    func wait() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let resumeNow = lock.withLock {
                if hasArrived { return true }
                self.continuation = continuation
                return false
            }
            if resumeNow { continuation.resume() }
        }
    }

    private func arrive() {
        let pending = lock.withLock {
            hasArrived = true
            defer { continuation = nil }
            return continuation
        }
        pending?.resume()
    }
}
