extension PhoneNormalizer {
    /// Normalizes, without libphonenumber, a Russian mobile number in a shape
    /// `normalizeRussianMobileText` takes, followed by an extension written `" доб. "` or
    /// `" ext. "` and one to nine ASCII digits that end the value: `+7 900 123-45-67 доб. 12`,
    /// `+7 (900) 123-45-67 ext. 12`. Returns nil for anything else, which then goes to the library.
    ///
    /// Such values are unique per person, so the run's cache cannot help with them, and the
    /// library spends ~40 µs on each (its extension regex alone is a quarter of that).
    ///
    /// Why this is equivalent to the library (8.12.57): before reading the number, parsing strips
    /// an extension matched at the very end of the text; `доб` and `ext` are among its explicit
    /// labels, which take spaces before them, an optional `.` and spaces after, and up to 20
    /// digits, kept as written. What remains is the number part alone, read as the national fast
    /// path reads it, and an extension changes neither validity, region, type nor the format.
    /// `PhoneNormalizerTests.extensionFastPathMatchesLibrary` checks this against the library on
    /// random numbers in these shapes and near misses, under several default regions.
    func normalizeRussianMobileWithExtension(_ raw: String) -> PhoneNormalization? {
        let split = raw.utf8.withContiguousStorageIfAvailable { bytes -> (number: String, extension: String)? in
            var digitsStart = bytes.count
            while digitsStart > 0, bytes[digitsStart - 1] &- UInt8(ascii: "0") < 10 { digitsStart -= 1 }
            guard (1...9).contains(bytes.count - digitsStart) else { return nil }
            let beforeDigits = UnsafeBufferPointer(rebasing: bytes[..<digitsStart])
            let label = Self.extensionLabels.first { label in
                beforeDigits.count >= label.count && beforeDigits.suffix(label.count).elementsEqual(label)
            }
            guard let label else { return nil }
            return (
                String(decoding: beforeDigits.dropLast(label.count), as: UTF8.self),
                String(decoding: bytes[digitsStart...], as: UTF8.self)
            )
        }
        guard let split = split ?? nil,
            case .valid(let formatted, nil, let region, let lineType)? = normalizeRussianMobileText(split.number)
        else { return nil }
        return .valid(formatted: formatted, extension: split.extension, region: region, lineType: lineType)
    }

    /// The labels taken, as UTF-8, with the one space on either side.
    private static let extensionLabels: [[UInt8]] = [Array(" доб. ".utf8), Array(" ext. ".utf8)]
}
