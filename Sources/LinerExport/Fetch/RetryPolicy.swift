/// When and how long to wait before trying a failed request again: exponential backoff with full
/// jitter, and the server's `Retry-After` when it gives one (capped, and never zero: a `Retry-After: 0`
/// would otherwise turn into a tight loop, so it falls back to the backoff).
public struct RetryPolicy: Sendable {
    /// Attempts per request, the first included.
    public var maxAttempts: Int
    /// The backoff ceiling before the second attempt; it doubles each time.
    public var baseDelaySeconds: Double
    /// The longest backoff, and the longest `Retry-After` honoured.
    public var maxDelaySeconds: Double

    public init(maxAttempts: Int = 5, baseDelaySeconds: Double = 0.5, maxDelaySeconds: Double = 30) {
        self.maxAttempts = maxAttempts
        self.baseDelaySeconds = baseDelaySeconds
        self.maxDelaySeconds = maxDelaySeconds
    }

    /// Seconds to wait after failed attempt number `attempt` (1-based).
    /// - Parameter random: a number in [0, 1); injectable so tests can pin the jitter.
    func delay(afterAttempt attempt: Int, retryAfterSeconds: Double?, random: Double = Double.random(in: 0..<1)) -> Double {
        if let retryAfterSeconds, retryAfterSeconds > 0 {
            return min(retryAfterSeconds, maxDelaySeconds)
        }
        let ceiling = min(maxDelaySeconds, baseDelaySeconds * Double(1 << min(attempt - 1, 20)))
        return ceiling * random
    }
}
