import LinerMock
import Testing

@testable import LinerExport

/// The cache of libphonenumber answers must never change an answer, only its cost.
@Suite struct PhoneResultCacheTests {
    /// Every phone text the fake server sends for its first 20,000 leads (all of its shapes, foreign
    /// numbers and placeholders) and every text of `PhoneNormalizerTests`, each normalized twice
    /// through one cached normalizer (a miss, then a hit) and once without the cache, in every
    /// format and under two default regions.
    @Test func cachedAndUncachedAgree() {
        let dataset = MockDataset(MockDatasetConfiguration(leadCount: 20_000))
        let served = (0..<20_000).flatMap { index in
            let lead = dataset.lead(at: index)
            return [lead.rawPhone, lead.rawTelegramPhone].compactMap { $0 }
        }
        let texts = served + PhoneNormalizerTests.allTexts
        for region in ["RU", "US"] {
            for format in PhoneFormat.allCases {
                let cached = PhoneNormalizer(defaultRegion: region, format: format)
                var mismatches: [String] = []
                for pass in ["miss", "hit"] {
                    for raw in texts {
                        let uncached = cached.normalizeWithoutLibrary(raw) ?? cached.normalizeWithLibrary(raw)
                        let result = cached.normalize(raw)
                        if result != uncached, mismatches.count < 5 {
                            mismatches.append("\(raw) [\(region), \(format), \(pass)]: cached \(result), uncached \(uncached)")
                        }
                    }
                }
                #expect(mismatches.isEmpty, "\(mismatches.joined(separator: "; "))")
                #expect(cached.cacheStatistics.hits > 0)
            }
        }
    }

    @Test func onlyValuesPastTheFastPathsAreLookedUp() {
        let normalizer = PhoneNormalizer(defaultRegion: "RU")
        for raw in ["+79001234567", "8 (900) 123-45-67", "", "  "] {
            _ = normalizer.normalize(raw)
        }
        #expect(normalizer.cacheStatistics == PhoneCacheStatistics(lookups: 0, hits: 0, entries: 0))
        for raw in ["не указан", "+1 650 253 0000", "не указан"] {
            _ = normalizer.normalize(raw)
        }
        #expect(normalizer.cacheStatistics == PhoneCacheStatistics(lookups: 3, hits: 1, entries: 2))
    }

    @Test func copiesShareOneCache() {
        let normalizer = PhoneNormalizer(defaultRegion: "RU")
        let copy = normalizer
        _ = normalizer.normalize("+49 30 123456")
        _ = copy.normalize("+49 30 123456")
        #expect(normalizer.cacheStatistics.hits == 1)
    }

    @Test func startsOverWhenFull() {
        let cache = PhoneResultCache(capacity: 3)
        var computed = 0
        for raw in ["a", "b", "c", "d", "a"] {
            _ = cache.result(for: raw) { _ in
                computed += 1
                return .invalid
            }
        }
        // "d" found the cache full and emptied it, so "a" was computed again.
        #expect(computed == 5)
        #expect(cache.statistics == PhoneCacheStatistics(lookups: 5, hits: 0, entries: 2))
        _ = cache.result(for: "d") { _ in .empty }
        #expect(cache.statistics.hits == 1)
    }

    @Test func longTextsAreNotCached() {
        let cache = PhoneResultCache()
        let long = String(repeating: "1", count: PhoneResultCache.maxKeyBytes + 1)
        var computed = 0
        for _ in 0..<2 {
            _ = cache.result(for: long) { _ in
                computed += 1
                return .invalid
            }
        }
        #expect(computed == 2)
        #expect(cache.statistics.entries == 0)
    }

    /// Two threads normalizing the same values through one normalizer get the answers one thread does.
    @Test func concurrentUseAgrees() async {
        let texts = PhoneNormalizerTests.allTexts
        let normalizer = PhoneNormalizer(defaultRegion: "RU")
        let expected = texts.map { normalizer.normalizeWithoutLibrary($0) ?? normalizer.normalizeWithLibrary($0) }
        let results = await withTaskGroup(of: [PhoneNormalization].self) { group in
            for _ in 0..<2 {
                group.addTask { (0..<20).flatMap { _ in texts.map { normalizer.normalize($0) } } }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        for result in results {
            #expect(result == Array((0..<20).map { _ in expected }.joined()))
        }
    }
}
