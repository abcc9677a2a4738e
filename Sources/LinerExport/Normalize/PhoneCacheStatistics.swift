/// How the cache of libphonenumber results of a `PhoneNormalizer` has fared, for benchmarks.
public struct PhoneCacheStatistics: Sendable, Equatable {
    /// Values that went past the fast paths (not a plain Russian mobile, not blank) and were looked up.
    public var lookups: Int
    /// Lookups answered from the cache, without calling libphonenumber.
    public var hits: Int
    /// Entries held now.
    public var entries: Int
}
