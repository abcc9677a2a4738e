import Synchronization

/// libphonenumber's verdicts on raw texts already seen in this run, so that a value repeated across
/// leads (a switchboard number, the same "не указан" in thousands of records) costs a dictionary
/// lookup instead of a library call (tens of microseconds for a valid number). Shared by every copy
/// of a `PhoneNormalizer`, hence by every task normalizing for the run.
///
/// Only values that got past the fast paths come here: those paths answer in tens of nanoseconds,
/// less than hashing the text for a lookup.
///
/// Bounded: at most `capacity` entries, of raw texts up to `maxKeyBytes` UTF-8 bytes (longer ones
/// are not cached). When full it starts over empty, which costs no bookkeeping per lookup, and the
/// values that really repeat come back at once. With the default capacity that is under 2 MB.
///
/// The lock is held for the lookup and for the insertion, never while libphonenumber runs, so a
/// task on the other core waits at most for one dictionary operation. Two tasks meeting the same
/// new value both ask the library; the answers are the same.
final class PhoneResultCache: Sendable {
    /// Raw texts longer than this are not cached: real numbers are far shorter, and keys of any
    /// length would void the memory bound.
    static let maxKeyBytes = 64

    /// Entries held before the cache starts over.
    let capacity: Int

    private struct State {
        var results: [String: PhoneNormalization] = [:]
        var lookups = 0
        var hits = 0
    }

    private let state = Mutex(State())

    /// - Parameter capacity: entries held before starting over.
    init(capacity: Int = 4096) {
        self.capacity = capacity
    }

    /// The cached result for `raw`, or `compute(raw)`, remembered for next time.
    func result(for raw: String, computing compute: (String) -> PhoneNormalization) -> PhoneNormalization {
        guard raw.utf8.count <= Self.maxKeyBytes else { return compute(raw) }
        let known = state.withLock { state in
            state.lookups += 1
            let known = state.results[raw]
            if known != nil { state.hits += 1 }
            return known
        }
        if let known { return known }
        let result = compute(raw)
        state.withLock { state in
            if state.results.count >= capacity { state.results.removeAll(keepingCapacity: true) }
            state.results[raw] = result
        }
        return result
    }

    /// Lookups, hits and entries so far.
    var statistics: PhoneCacheStatistics {
        state.withLock { PhoneCacheStatistics(lookups: $0.lookups, hits: $0.hits, entries: $0.results.count) }
    }
}
