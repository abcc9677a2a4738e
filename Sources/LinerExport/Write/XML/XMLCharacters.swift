/// The characters XML 1.0 allows (`Char`: tab, LF, CR, U+0020–U+D7FF, U+E000–U+FFFD,
/// U+10000–U+10FFFF), and the replacement of the others.
///
/// Swift strings cannot hold lone surrogates (decoding turns them into U+FFFD), so what is left to
/// replace is the C0 controls but tab, LF and CR, and U+FFFE/U+FFFF. They become U+FFFD, so a reader
/// sees that something was there; XML 1.0 has no way to write them (`&#1;` is itself ill-formed).
enum XMLCharacters {
    static let replacement: Unicode.Scalar = "\u{FFFD}"

    /// `text` with every forbidden character replaced, and how many there were (0 returns `text` itself).
    static func sanitized(_ text: String) -> (text: String, replaced: Int) {
        var text = text
        guard text.withUTF8(hasForbiddenCharacter) else { return (text, 0) }
        var replaced = 0
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isAllowed(scalar) {
                scalars.append(scalar)
            } else {
                scalars.append(replacement)
                replaced += 1
            }
        }
        return replaced == 0 ? (text, 0) : (String(scalars), replaced)
    }

    /// Whether UTF-8 `bytes` hold a C0 control other than tab, LF and CR, or U+FFFE/U+FFFF
    /// (EF BF BE/BF): one pass over the bytes, with no decoding for the usual clean text.
    private static func hasForbiddenCharacter(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D { return true }
            if byte == 0xEF, index + 2 < bytes.count, bytes[index + 1] == 0xBF, bytes[index + 2] >= 0xBE { return true }
            index += 1
        }
        return false
    }

    static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }
}
