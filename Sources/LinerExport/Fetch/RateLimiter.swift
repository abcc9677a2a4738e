import Foundation
import Synchronization

/// Paces every request of a run: a token bucket of `requestsPerSecond` with a small burst, shared by
/// all concurrent page fetches, that slows down by 30% after each 429 (to a quarter of its rate at most), pauses everyone for the server's
/// `Retry-After`, and climbs back to the configured rate after a run of successes.
///
/// Slots are reserved under a lock before sleeping (a GCRA), so waiting requests never stampede
/// when a pause ends: each one owns its own instant.
public final class RateLimiter: Sendable {
    private struct State {
        /// Current rate; 0 is no limit.
        var rate: Double
        /// Theoretical arrival time of the next request (GCRA).
        var nextSlot: ContinuousClock.Instant
        /// No request leaves before this instant (a `Retry-After` seen by anyone).
        var pausedUntil: ContinuousClock.Instant
        var successesSinceSlowdown = 0
        var slowdowns = 0
    }

    /// The rate asked for in the pipeline; 0 is no limit.
    public let configuredRate: Double
    /// Requests allowed back to back before pacing starts.
    let burst: Double
    /// After a 429 without a configured limit, pacing starts at this rate.
    static let rateAfterFirstSlowdown = 20.0
    /// The rate never falls below a quarter of the configured one (or of the post-429 start), nor 0.5/s.
    var minimumRate: Double { max(0.5, (configuredRate > 0 ? configuredRate : Self.rateAfterFirstSlowdown) / 4) }
    private let state: Mutex<State>

    /// - Parameter requestsPerSecond: 0 for no proactive limit (a 429 still slows the run down).
    public init(requestsPerSecond: Double, burst: Int = 4) {
        configuredRate = max(0, requestsPerSecond)
        self.burst = Double(max(1, burst))
        let now = ContinuousClock.now
        state = Mutex(State(rate: configuredRate, nextSlot: now, pausedUntil: now))
    }

    /// Waits until this request may leave.
    /// - Throws: `CancellationError` when the run is cancelled while waiting.
    func acquire() async throws {
        let now = ContinuousClock.now
        let departure: ContinuousClock.Instant = state.withLock { state in
            var earliest = max(now, state.pausedUntil)
            guard state.rate > 0 else { return earliest }
            let interval = Duration.seconds(1 / state.rate)
            earliest = max(earliest, state.nextSlot - interval * (burst - 1))
            state.nextSlot = max(state.nextSlot, earliest) + interval
            return earliest
        }
        if departure > now {
            try await Task.sleep(until: departure, clock: .continuous)
        }
    }

    /// A request succeeded: after enough of them the rate climbs back towards the configured one.
    func recordSuccess() {
        state.withLock { state in
            guard state.slowdowns > 0, state.rate > 0 else { return }
            state.successesSinceSlowdown += 1
            guard state.successesSinceSlowdown >= 10 else { return }
            state.successesSinceSlowdown = 0
            let raised = state.rate * 1.25
            if configuredRate > 0 {
                state.rate = min(configuredRate, raised)
            } else {
                // Without a configured limit, stop pacing once the rate is well above where it started.
                state.rate = raised > Self.rateAfterFirstSlowdown * 4 ? 0 : raised
            }
        }
    }

    /// The server said 429: slow down, and hold every request for `retryAfterSeconds` when given.
    func recordRateLimited(retryAfterSeconds: Double?) {
        let now = ContinuousClock.now
        state.withLock { state in
            state.slowdowns += 1
            state.successesSinceSlowdown = 0
            let current = state.rate > 0 ? state.rate : Self.rateAfterFirstSlowdown / 0.7
            state.rate = max(minimumRate, current * 0.7)
            if let retryAfterSeconds, retryAfterSeconds > 0 {
                state.pausedUntil = max(state.pausedUntil, now + .seconds(retryAfterSeconds))
            }
        }
    }

    /// Times the rate was lowered after a 429.
    public var slowdowns: Int { state.withLock { $0.slowdowns } }
    /// The rate now (0: no limit).
    public var currentRate: Double { state.withLock { $0.rate } }
}
