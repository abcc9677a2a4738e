import PhoneShim

/// Turns raw phone values into one canonical format with libphonenumber.
///
/// libphonenumber costs tens of microseconds per valid number, which would dominate an
/// export, so values that are already canonical E.164 in the most common shape skip it
/// (see `PhoneNormalizer+FastPath.swift`), as do Russian mobiles typed with the usual
/// punctuation (`PhoneNormalizer+NationalFastPath.swift`), with or without a labelled extension
/// (`PhoneNormalizer+ExtensionFastPath.swift`); everything else goes to the library,
/// whose answers are remembered for the run (`PhoneResultCache`), because the values that reach it
/// (foreign numbers, placeholders such as "не указан") repeat across leads.
/// Safe to share between threads; copies share one cache.
public struct PhoneNormalizer: Sendable {
    /// Region for numbers written without a country code, such as `"RU"` (ISO 3166, upper case).
    public let defaultRegion: String
    /// The format valid numbers are written in.
    public let format: PhoneFormat
    /// `defaultRegion` as a NUL-terminated C string, built once rather than on every call.
    let defaultRegionCString: [CChar]
    /// libphonenumber's answers for values seen before; one per normalizer, so one per run.
    let libraryResults: PhoneResultCache

    /// Creates a normalizer.
    /// - Parameters:
    ///   - defaultRegion: ISO 3166 region for national forms such as `"8 (900) 123-45-67"`;
    ///     an unknown region makes every number without `+` invalid.
    ///   - format: how valid numbers are written out.
    public init(defaultRegion: String, format: PhoneFormat = .e164) {
        self.defaultRegion = defaultRegion.uppercased()
        self.format = format
        self.defaultRegionCString = self.defaultRegion.utf8CString.map { $0 }
        self.libraryResults = PhoneResultCache()
    }

    /// Normalizes one raw value.
    /// - Returns: `.empty` for blank input, `.valid` with the formatted number, or `.invalid`.
    public func normalize(_ raw: String) -> PhoneNormalization {
        normalizeWithoutLibrary(raw) ?? libraryResults.result(for: raw) { normalizeWithLibrary($0) }
    }

    /// The answer of the fast paths, `.empty` for blank input, or nil when only libphonenumber can tell.
    func normalizeWithoutLibrary(_ raw: String) -> PhoneNormalization? {
        if let canonical = normalizeCanonicalE164(raw) ?? normalizeRussianMobileText(raw)
            ?? normalizeRussianMobileWithExtension(raw)
        {
            return canonical
        }
        if raw.unicodeScalars.allSatisfy(\.properties.isWhitespace) {
            return .empty
        }
        return nil
    }

    /// Normalizes one raw value that may be null; null is `.empty`.
    public func normalize(_ raw: String?) -> PhoneNormalization {
        guard let raw else { return .empty }
        return normalize(raw)
    }

    /// How the cache of libphonenumber answers has fared so far (all copies of this normalizer).
    public var cacheStatistics: PhoneCacheStatistics { libraryResults.statistics }
}
