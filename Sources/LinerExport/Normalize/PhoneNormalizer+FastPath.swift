extension PhoneNormalizer {
    /// Normalizes, without libphonenumber, a value that is exactly a Russian mobile number in
    /// E.164 (`"+79"` and nine more ASCII digits, nothing else), the shape Liner stores; returns
    /// nil for anything else, which then goes to the library.
    ///
    /// Why this is equivalent to the library (libphonenumber 8.12.57 metadata), for every default
    /// region, since a leading `+` makes parsing ignore the default region:
    /// - country code 7 is shared by RU and KZ; KZ claims only national numbers starting with
    ///   `33` or `7`, so a number starting with `9` belongs to RU;
    /// - RU's mobile pattern is `9\d{9}` and no other RU type starts with `9`, so every such
    ///   number is valid and MOBILE;
    /// - RU formats ten-digit numbers starting with `9` as `$1 $2-$3-$4` (groups 3-3-2-2), with
    ///   the national prefix rule `8 ($1)`.
    /// `PhoneNormalizerTests` checks this against the library for every four-digit national
    /// prefix (`+7 9xxx`) and for random numbers and near-miss shapes in all three formats (a
    /// one-off sweep of every six-digit prefix, 300,000 comparisons, found no difference either);
    /// rerun it when libphonenumber is upgraded.
    func normalizeCanonicalE164(_ raw: String) -> PhoneNormalization? {
        let utf8 = raw.utf8
        guard utf8.count == 12, utf8.withContiguousStorageIfAvailable(Self.isRussianMobileE164) == true else {
            return nil
        }
        let formatted =
            switch format {
            case .e164: raw  // already canonical: share the storage instead of copying it
            case .international: Self.fill("+7 ### ###-##-##", withNationalDigitsOf: raw)
            case .national: Self.fill("8 (###) ###-##-##", withNationalDigitsOf: raw)
            }
        return .valid(formatted: formatted, extension: nil, region: "RU", lineType: .mobile)
    }

    private static func isRussianMobileE164(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard bytes.count == 12, bytes[0] == UInt8(ascii: "+"), bytes[1] == UInt8(ascii: "7"),
            bytes[2] == UInt8(ascii: "9")
        else { return false }
        return bytes[3...].allSatisfy { $0 &- UInt8(ascii: "0") < 10 }
    }

    /// Writes the ten national digits of `e164` ("+7" and ten digits) into the `#`s of `template`.
    private static func fill(_ template: StaticString, withNationalDigitsOf e164: String) -> String {
        var digits = e164.utf8.dropFirst(2).makeIterator()
        let count = template.utf8CodeUnitCount
        return String(unsafeUninitializedCapacity: count) { buffer in
            for index in 0..<count {
                let byte = template.utf8Start[index]
                buffer[index] = byte == UInt8(ascii: "#") ? digits.next()! : byte
            }
            return count
        }
    }
}
