import PhoneShim

extension PhoneNormalizer {
    /// Makes libphonenumber load its metadata and compile the patterns of the default region: about
    /// 10 ms, once per process, which would otherwise stall the first page that needs the library
    /// (and every task waiting on the same lock) instead of overlapping the wait for the API.
    func loadLibrary() {
        _ = normalizeWithLibrary("8 (900) 123-45-67 доб. 1")
        _ = normalizeWithLibrary("+44 20 7946 0958")
    }

    /// Asks libphonenumber, bypassing the fast path; the fast path is tested against this.
    func normalizeWithLibrary(_ raw: String) -> PhoneNormalization {
        var result = liner_phone_result()
        var raw = raw
        raw.withUTF8 { utf8 in
            utf8.withMemoryRebound(to: CChar.self) { chars in
                defaultRegionCString.withUnsafeBufferPointer { region in
                    liner_phone_normalize(chars.baseAddress, chars.count, region.baseAddress, cFormat, &result)
                }
            }
        }
        guard result.status == LINER_PHONE_VALID else { return .invalid }
        let extensionDigits = decodeCString(result.extension)
        return .valid(
            formatted: decodeCString(result.formatted),
            extension: extensionDigits.isEmpty ? nil : extensionDigits,
            region: decodeCString(result.region),
            lineType: PhoneLineType(result.type)
        )
    }

    private var cFormat: liner_phone_format {
        switch format {
        case .e164: LINER_PHONE_FORMAT_E164
        case .international: LINER_PHONE_FORMAT_INTERNATIONAL
        case .national: LINER_PHONE_FORMAT_NATIONAL
        }
    }
}

extension PhoneLineType {
    init(_ type: liner_phone_type) {
        switch type {
        case LINER_PHONE_TYPE_MOBILE: self = .mobile
        case LINER_PHONE_TYPE_FIXED_LINE: self = .fixedLine
        case LINER_PHONE_TYPE_FIXED_OR_MOBILE: self = .fixedLineOrMobile
        case LINER_PHONE_TYPE_OTHER: self = .other
        default: self = .unknown
        }
    }
}

/// Reads a NUL-terminated string out of a fixed-size C `char` array (imported as a tuple).
private func decodeCString<Storage>(_ storage: Storage) -> String {
    withUnsafeBytes(of: storage) { bytes in
        let end = bytes.firstIndex(of: 0) ?? bytes.count
        return String(decoding: bytes[..<end], as: UTF8.self)
    }
}
