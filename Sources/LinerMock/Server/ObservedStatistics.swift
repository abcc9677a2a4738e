/// The server's counters behind a lock, with the tasks waiting for them to reach a condition.
///
/// Every change goes through `withLock`, which afterwards resumes the waiters whose condition now
/// holds; a test thus learns that a request has arrived at the moment it does, instead of sleeping.
final class ObservedStatistics: Sendable {
    private struct Waiter {
        let condition: @Sendable (MockServerStatistics) -> Bool
        let continuation: CheckedContinuation<MockServerStatistics, Never>
    }

    private struct State {
        var statistics = MockServerStatistics()
        var waiters: [Int: Waiter] = [:]
        var nextWaiter = 0
        var isClosed = false

        /// Removes the waiters `statistics` satisfies (all of them once closed).
        mutating func takeReadyWaiters() -> [Waiter] {
            var ready: [Waiter] = []
            for (id, waiter) in waiters where isClosed || waiter.condition(statistics) {
                ready.append(waiter)
                waiters[id] = nil
            }
            return ready
        }
    }

    private let state = Locked(State())

    /// Runs `body` on the counters; keep it short, it runs on an event loop.
    func withLock<Result>(_ body: (inout MockServerStatistics) throws -> Result) rethrows -> Result {
        var ready: [Waiter] = []
        var statistics = MockServerStatistics()
        let result = try state.withLock { state in
            defer {
                if !state.waiters.isEmpty {
                    ready = state.takeReadyWaiters()
                    statistics = state.statistics
                }
            }
            return try body(&state.statistics)
        }
        for waiter in ready { waiter.continuation.resume(returning: statistics) }
        return result
    }

    /// Suspends until `condition` holds for the counters, checked now and after every change; returns
    /// them. Returns early, with counters that may not satisfy it, when the task is cancelled or
    /// `close()` was called.
    func wait(until condition: @escaping @Sendable (MockServerStatistics) -> Bool) async -> MockServerStatistics {
        let id = state.withLock { state in
            defer { state.nextWaiter += 1 }
            return state.nextWaiter
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let current: MockServerStatistics? = state.withLock { state in
                    if state.isClosed || Task.isCancelled || condition(state.statistics) { return state.statistics }
                    state.waiters[id] = Waiter(condition: condition, continuation: continuation)
                    return nil
                }
                if let current { continuation.resume(returning: current) }
            }
        } onCancel: {
            let (waiter, statistics) = state.withLock { state in (state.waiters.removeValue(forKey: id), state.statistics) }
            waiter?.continuation.resume(returning: statistics)
        }
    }

    /// Resumes every waiter, now and later, whatever the counters say: the server has stopped.
    func close() {
        let (ready, statistics) = state.withLock { state in
            state.isClosed = true
            return (state.takeReadyWaiters(), state.statistics)
        }
        for waiter in ready { waiter.continuation.resume(returning: statistics) }
    }
}
