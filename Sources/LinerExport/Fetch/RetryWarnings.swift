import Logging
import Synchronization

/// Keeps a failing server from flooding the log: the first retry for a reason is a warning; more
/// retries for the same reason within `quietSeconds` are logged at debug (`--verbose`), and the next
/// warning for it says how many they were. Shared by every copy of a client.
final class RetryWarnings: Sendable {
    private struct Reason {
        var warnedAt: ContinuousClock.Instant
        var quieted = 0
    }

    private let reasons = Mutex([String: Reason]())
    let quietSeconds: Double

    init(quietSeconds: Double = 10) {
        self.quietSeconds = quietSeconds
    }

    /// The level to log a retry for `reason` at, and how many retries for it were logged at debug since
    /// its last warning (0 unless the level is `.warning`).
    func level(for reason: String, at now: ContinuousClock.Instant = .now) -> (level: Logger.Level, quieted: Int) {
        reasons.withLock { reasons in
            if var known = reasons[reason], known.warnedAt.duration(to: now) < .seconds(quietSeconds) {
                known.quieted += 1
                reasons[reason] = known
                return (.debug, 0)
            }
            let quieted = reasons[reason]?.quieted ?? 0
            reasons[reason] = Reason(warnedAt: now)
            return (.warning, quieted)
        }
    }
}
