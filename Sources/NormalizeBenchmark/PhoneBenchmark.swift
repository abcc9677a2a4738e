import Foundation
import LinerExport

/// Phone normalization alone over `values`, the dataset's phone texts in lead order (one pass is
/// what one run does): where the values go, and the cost per value cold (a new normalizer each
/// pass, its cache filling as a run's does), warm (a second pass), and per route.
func benchmarkPhones(_ values: [String], rounds: Int) {
    // Which values reach the cache (and on a miss the library), read off its lookup counter.
    let probe = PhoneNormalizer(defaultRegion: "RU")
    var reachingLibrary: [String] = []
    var answeredEarly: [String] = []
    var invalid = 0
    var blank = 0
    for value in values {
        let lookups = probe.cacheStatistics.lookups
        let result = probe.normalize(value)
        if probe.cacheStatistics.lookups > lookups { reachingLibrary.append(value) } else { answeredEarly.append(value) }
        if result == .invalid { invalid += 1 } else if result == .empty { blank += 1 }
    }
    let firstPass = probe.cacheStatistics
    let distinctLibraryValues = Array(Set(reachingLibrary))
    print("phones: \(values.count) values, \(Set(values).count) distinct; fast path \(answeredEarly.count - blank), blank \(blank), "
        + "past the fast paths \(reachingLibrary.count) (\(distinctLibraryValues.count) distinct), invalid \(invalid)")
    print(String(format: "phone cache, one pass: %d lookups, %d hits (%.1f %% of lookups, %.1f %% of all values), %d entries",
        firstPass.lookups, firstPass.hits, 100 * Double(firstPass.hits) / Double(max(firstPass.lookups, 1)),
        100 * Double(firstPass.hits) / Double(values.count), firstPass.entries))

    var checksum = 0
    func normalizeAll(_ values: [String], with normalizer: PhoneNormalizer) {
        for value in values {
            if case .valid(let formatted, _, _, _) = normalizer.normalize(value) { checksum &+= formatted.utf8.count }
        }
    }
    func microsecondsPerValue(_ count: Int, _ body: () -> Void) -> Double {
        bestSeconds(rounds: rounds, body) * 1e6 / Double(count)
    }

    let cold = microsecondsPerValue(values.count) { normalizeAll(values, with: PhoneNormalizer(defaultRegion: "RU")) }
    let warmNormalizer = PhoneNormalizer(defaultRegion: "RU")
    normalizeAll(values, with: warmNormalizer)
    let warm = microsecondsPerValue(values.count) { normalizeAll(values, with: warmNormalizer) }
    print(String(format: "phones alone: %d values, cold %.3f µs/value (%.0f values/s on one core), warm %.3f µs/value",
        values.count, cold, 1e6 / cold, warm))

    let early = microsecondsPerValue(answeredEarly.count) { normalizeAll(answeredEarly, with: warmNormalizer) }
    let miss = microsecondsPerValue(distinctLibraryValues.count) {
        normalizeAll(distinctLibraryValues, with: PhoneNormalizer(defaultRegion: "RU"))
    }
    let hit = microsecondsPerValue(reachingLibrary.count) { normalizeAll(reachingLibrary, with: warmNormalizer) }
    // Both cores looking up in one cache at once: wall time per value each thread handles; equal to
    // `hit` when the lock is never contended.
    let libraryValues = reachingLibrary
    let hitTwoThreads = microsecondsPerValue(libraryValues.count) {
        DispatchQueue.concurrentPerform(iterations: 2) { _ in
            for value in libraryValues { _ = warmNormalizer.normalize(value) }
        }
    }
    print(String(format: "per route: fast path or blank %.3f µs, library (cache miss) %.2f µs, cache hit %.3f µs "
        + "(two threads on one cache: %.3f µs each)", early, miss, hit, hitTwoThreads))
    precondition(checksum > 0)
}

/// The shortest of `rounds` runs of `body`, in seconds.
func bestSeconds(rounds: Int, _ body: () -> Void) -> Double {
    var best = Double.infinity
    for _ in 0..<max(rounds, 1) {
        let start = ContinuousClock.now
        body()
        let elapsed = ContinuousClock.now - start
        best = min(best, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }
    return best
}
