/// Lenient typed reads: APIs (Liner's among them) send numbers as numeric strings and numbers where
/// strings are documented, so each accessor accepts both spellings of the same meaning and returns
/// `nil` rather than guessing when the value means something else.
extension JSONValue {
    /// The value as an exact 64-bit integer: a number or numeric string (surrounding whitespace ignored)
    /// whose value is integral and in range. `3`, `"3"`, `3.0`, `1e2`, `" -7 "` all work; `3.5`, `1e19`,
    /// `"abc"` and `true` give `nil`. Strings may also carry a leading `+` or leading zeros (`"007"`).
    public var int64Value: Int64? {
        readNumber(inPlace: { DecimalText.plainInteger($0) }) { text in
            DecimalText.plainInteger(text.utf8) ?? DecimalText(text)?.exactInt64
        }
    }

    /// The value as a finite `Double`: a number or numeric string (surrounding whitespace ignored), e.g. a
    /// fractional `utcOffset` of `5.5` or `"5.5"`. Out-of-range values (`1e400`) give `nil`, as do `"NaN"`,
    /// `"inf"` and hexadecimal, which `Double(_:)` alone would accept.
    public var doubleValue: Double? {
        readNumber(inPlace: DecimalText.plainDouble) { text in
            if let integer = DecimalText.plainInteger(text.utf8) {
                return Double(integer)
            }
            guard DecimalText(text) != nil, let value = Double(text), value.isFinite else { return nil }
            return value
        }
    }

    /// A number's literal or a string's text read with `inPlace` on its bytes, as most values are plain;
    /// when that gives nil, with `general` on the text (a string's without surrounding whitespace, which
    /// `inPlace` never accepts, as whitespace is no digit). Other kinds give nil.
    private func readNumber<Value>(
        inPlace: (UnsafeBufferPointer<UInt8>) -> Value?, general: (Substring) -> Value?
    ) -> Value? {
        switch self {
        case .number(let literal): literal.withUTF8Bytes(inPlace) ?? general(literal[...])
        case .string(let string): string.withUTF8Bytes(inPlace) ?? general(string.trimmingUnicodeWhitespace())
        default: nil
        }
    }

    /// The text of a `.string`; `nil` for every other kind, numbers included, so that a caller wanting text
    /// from a number decides itself how to spell it.
    @inlinable
    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// The value as a Boolean: `.bool`, the numbers `0` and `1`, or the strings `"true"`, `"false"`, `"1"`,
    /// `"0"` (case-insensitive, surrounding whitespace ignored). Anything else gives `nil`.
    public var boolValue: Bool? {
        switch self {
        case .bool(let flag):
            return flag
        case .number:
            switch int64Value {
            case 0: return false
            case 1: return true
            default: return nil
            }
        case .string(let text):
            switch text {
            case "true", "1": return true
            case "false", "0": return false
            default: break
            }
            switch text.trimmingUnicodeWhitespace().lowercased() {
            case "true", "1": return true
            case "false", "0": return false
            default: return nil
            }
        default:
            return nil
        }
    }

    /// Whether the value is JSON `null`.
    @inlinable
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// Whether the value carries nothing: `null`, an empty or whitespace-only string, `[]` or `{}`.
    /// PHP encodes an empty map as `[]`, so both container kinds count.
    public var isEmptyValue: Bool {
        switch self {
        case .null: return true
        case .string(let text):
            // A printable ASCII first byte settles it, as for most values, without a `Substring`.
            if let first = text.utf8.first, (0x21...0x7E).contains(first) { return false }
            return text.trimmingUnicodeWhitespace().isEmpty
        case .array(let elements): return elements.isEmpty
        case .object(let object): return object.members.isEmpty
        case .bool, .number: return false
        }
    }
}

/// A decimal number split into its digits and a power of ten, read with a grammar looser than JSON's
/// (optional `+`, leading zeros, `5.` and `.5` allowed) because it also reads numeric strings.
private struct DecimalText {
    var isNegative = false
    /// Significant digits as values 0–9, without leading zeros.
    var digits: [UInt8] = []
    /// The value is `digits × 10^scale`.
    var scale = 0

    init?(_ text: Substring) {
        let bytes = Array(text.utf8)
        var index = 0
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
            isNegative = bytes[index] == UInt8(ascii: "-")
            index += 1
        }
        var mantissaDigitCount = 0
        var fractionDigitCount = 0
        var isInFraction = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "."), !isInFraction {
                isInFraction = true
            } else if byte &- UInt8(ascii: "0") < 10 {
                mantissaDigitCount += 1
                if isInFraction { fractionDigitCount += 1 }
                // Leading zeros carry no value; after the point their place is already in the fraction count.
                if !digits.isEmpty || byte != UInt8(ascii: "0") {
                    digits.append(byte - UInt8(ascii: "0"))
                }
            } else {
                break
            }
            index += 1
        }
        guard mantissaDigitCount > 0 else { return nil }
        var exponent = 0
        if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            var isExponentNegative = false
            if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") {
                isExponentNegative = bytes[index] == UInt8(ascii: "-")
                index += 1
            }
            let exponentStart = index
            while index < bytes.count, bytes[index] &- UInt8(ascii: "0") < 10 {
                // Clamped: anything this large is out of Int64's range anyway, and must not overflow Int.
                exponent = min(exponent * 10 + Int(bytes[index] - UInt8(ascii: "0")), 1_000_000)
                index += 1
            }
            guard index > exponentStart else { return nil }
            if isExponentNegative { exponent = -exponent }
        }
        guard index == bytes.count else { return nil }
        scale = exponent - fractionDigitCount
        while let last = digits.last, last == 0 {
            digits.removeLast()
            scale += 1
        }
    }

    /// The value of `text` when it is an optional `-`, digits and optionally `.` and more digits,
    /// 15 digits at most (`5.5`, `-3`, `5.75`), without `strtod`: such a number is its digits as an
    /// integer, exact in a `Double`, divided by an exact power of ten, which rounds once, as parsing
    /// the text correctly does. `nil` sends anything else down the general path.
    static func plainDouble(_ text: UnsafeBufferPointer<UInt8>) -> Double? {
        var index = 0
        let isNegative = index < text.count && text[index] == UInt8(ascii: "-")
        if isNegative { index += 1 }
        var mantissa: Int64 = 0
        var digitCount = 0
        var fractionDigits = 0
        var seenPoint = false
        while index < text.count {
            let byte = text[index]
            index += 1
            if byte == UInt8(ascii: "."), !seenPoint, digitCount > 0 {
                seenPoint = true
                continue
            }
            let digit = byte &- UInt8(ascii: "0")
            guard digit < 10, digitCount < 15 else { return nil }
            mantissa = mantissa * 10 + Int64(digit)
            digitCount += 1
            if seenPoint { fractionDigits += 1 }
        }
        guard digitCount > 0, !seenPoint || fractionDigits > 0 else { return nil }
        let magnitude = Double(mantissa) / powersOfTen[fractionDigits]
        return isNegative ? -magnitude : magnitude
    }

    /// 10⁰ through 10¹⁵, each exact in a `Double`.
    private static let powersOfTen: [Double] = (0...15).map { exponent in
        (0..<exponent).reduce(1.0) { value, _ in value * 10 }
    }

    /// The value of `text` (UTF-8) when it is an optional sign and at most 18 digits, as most ids are,
    /// read without allocating; `nil` sends anything else down the general path.
    @inline(__always)
    static func plainInteger<Bytes: Sequence<UInt8>>(_ text: Bytes) -> Int64? {
        var bytes = text.makeIterator()
        guard var byte = bytes.next() else { return nil }
        let isNegative = byte == UInt8(ascii: "-")
        if isNegative || byte == UInt8(ascii: "+") {
            guard let next = bytes.next() else { return nil }
            byte = next
        }
        var value: Int64 = 0
        var digitCount = 0
        while true {
            let digit = byte &- UInt8(ascii: "0")
            guard digit < 10, digitCount < 18 else { return nil }
            value = value * 10 + Int64(digit)
            digitCount += 1
            guard let next = bytes.next() else { break }
            byte = next
        }
        return isNegative ? -value : value
    }

    var exactInt64: Int64? {
        guard !digits.isEmpty else { return 0 }
        guard scale >= 0, digits.count + scale <= 19 else { return nil }
        var magnitude: UInt64 = 0
        for digit in digits {
            magnitude = magnitude * 10 + UInt64(digit)
        }
        for _ in 0..<scale {
            magnitude *= 10
        }
        if isNegative {
            return magnitude <= UInt64(Int64.max) + 1 ? Int64(truncatingIfNeeded: 0 &- magnitude) : nil
        }
        return magnitude <= UInt64(Int64.max) ? Int64(magnitude) : nil
    }
}

extension String {
    /// The text without leading and trailing Unicode whitespace (including no-break and ideographic space,
    /// which copy-pasted CRM values carry).
    fileprivate func trimmingUnicodeWhitespace() -> Substring {
        let utf8 = self.utf8
        // Most values are already trimmed: a printable ASCII byte at each end settles it without decoding.
        if let first = utf8.first, let last = utf8.last, (0x21...0x7E).contains(first), (0x21...0x7E).contains(last) {
            return self[...]
        }
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else {
            return ""
        }
        return Substring(scalars[first...last])
    }
}
