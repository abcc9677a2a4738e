import Foundation
import Synchronization

/// Requests and retries of a run, by reason; shared by every request, read for the summary.
public final class FetchCounters: Sendable {
    private struct State {
        var requests = 0
        var retries: [String: Int] = [:]
    }

    private let state = Mutex(State())

    public init() {}

    func recordRequest() { state.withLock { $0.requests += 1 } }
    func recordRetry(_ reason: String) { state.withLock { $0.retries[reason, default: 0] += 1 } }

    /// HTTP requests sent, retries included.
    public var requests: Int { state.withLock { $0.requests } }
    /// Retries by reason (`http_503`, `http_429`, `transport`, `bad_body`, `success_false`).
    public var retries: [String: Int] { state.withLock { $0.retries } }
}
