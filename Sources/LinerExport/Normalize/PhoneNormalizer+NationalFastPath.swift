extension PhoneNormalizer {
    /// Normalizes, without libphonenumber, a Russian mobile number typed in the common ways:
    /// `+7 900 123-45-67`, `+7 (900) 123-45-67` and, when the default region is `RU`,
    /// `8 (900) 123-45-67`, `89001234567`, `7 900 1234567`, `9001234567`. Returns nil for anything
    /// else, which then goes to the library.
    ///
    /// Taken: an optional leading `+`, then ASCII digits separated by spaces, `-` and at most one
    /// pair of parentheses, starting with a digit or `(` and ending with a digit, whose digits are
    /// `79` and nine more after a `+`; or, for region RU only, `89`/`79` and nine more or `9` and nine
    /// more. libphonenumber drops such punctuation, strips RU's national prefix `8` or the country
    /// code `7`, and finds `9\d{9}` (every one valid and MOBILE, see `normalizeCanonicalE164`).
    /// `PhoneNormalizerTests.nationalFastPathMatchesLibrary` checks this against the library on
    /// random numbers in these shapes and near misses, under several default regions.
    func normalizeRussianMobileText(_ raw: String) -> PhoneNormalization? {
        let utf8 = raw.utf8
        guard (10...26).contains(utf8.count) else { return nil }
        let national = utf8.withContiguousStorageIfAvailable { bytes in
            Self.russianMobileDigits(bytes, allowsNationalForms: defaultRegion == "RU")
        }
        guard let national = national ?? nil else { return nil }
        let e164 = String(unsafeUninitializedCapacity: 12) { buffer in
            buffer[0] = UInt8(ascii: "+")
            buffer[1] = UInt8(ascii: "7")
            var remaining = national
            for index in stride(from: 11, through: 2, by: -1) {
                buffer[index] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: remaining % 10)
                remaining /= 10
            }
            return 12
        }
        return normalizeCanonicalE164(e164)
    }

    /// The ten national digits (`9xxxxxxxxx`) as a number, or nil when `bytes` is not one of the
    /// shapes `normalizeRussianMobileText` takes.
    private static func russianMobileDigits(_ bytes: UnsafeBufferPointer<UInt8>, allowsNationalForms: Bool) -> UInt64? {
        var index = 0
        let hasPlus = bytes[0] == UInt8(ascii: "+")
        if hasPlus { index = 1 }
        guard index < bytes.count, bytes[index] == UInt8(ascii: "(") || isDigit(bytes[index]),
            isDigit(bytes[bytes.count - 1])
        else { return nil }
        var value: UInt64 = 0
        var count = 0
        var first: UInt8 = 0
        var second: UInt8 = 0
        var opened = false
        var closed = false
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if isDigit(byte) {
                count += 1
                guard count <= 11 else { return nil }
                if count == 1 { first = byte } else if count == 2 { second = byte }
                value = value * 10 + UInt64(byte - UInt8(ascii: "0"))
                continue
            }
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "-"):
                continue
            case UInt8(ascii: "("):
                guard !opened else { return nil }
                opened = true
            case UInt8(ascii: ")"):
                guard opened, !closed else { return nil }
                closed = true
            default:
                return nil
            }
        }
        guard opened == closed else { return nil }
        let nine = UInt8(ascii: "9")
        if hasPlus {
            guard count == 11, first == UInt8(ascii: "7"), second == nine else { return nil }
            return value - 70_000_000_000
        }
        guard allowsNationalForms else { return nil }
        if count == 10, first == nine { return value }
        guard count == 11, second == nine else { return nil }
        switch first {
        case UInt8(ascii: "8"): return value - 80_000_000_000
        case UInt8(ascii: "7"): return value - 70_000_000_000
        default: return nil
        }
    }

    @inline(__always)
    private static func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }
}
