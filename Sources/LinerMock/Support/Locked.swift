import Foundation

/// A value guarded by a lock, shareable across event loops and tasks.
///
/// NIO's `NIOLockedValueBox` lives in NIOConcurrencyHelpers, which this target does not
/// declare. (This class predates the package's move to macOS 15; a class holding a
/// `Synchronization.Mutex` would now do as well.)
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) {
        self.value = value
    }

    /// Runs `body` with exclusive access; keep it short, it runs on an event loop.
    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
