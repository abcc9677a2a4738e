/// Reads ASCII fields left to right from UTF-8 bytes, for `TimestampParser`.
///
/// Works on raw bytes because Character-level string processing costs far more than the whole
/// parse budget. Every reader returns nil (or false) when the field is absent; the parser then
/// gives up, so a failed read need not restore `index`.
struct ByteScanner {
    private let bytes: UnsafeBufferPointer<UInt8>
    private(set) var index: Int
    private let end: Int

    /// Scans `bytes[start..<end]`.
    init(_ bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int) {
        self.bytes = bytes
        self.index = start
        self.end = end
    }

    var isAtEnd: Bool { index == end }

    /// Consumes `byte` if it comes next.
    @inline(__always)
    mutating func skip(_ byte: UInt8) -> Bool {
        guard index < end, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    /// Consumes spaces; returns how many.
    mutating func skipSpaces() -> Int {
        let start = index
        while index < end, bytes[index] == UInt8(ascii: " ") { index += 1 }
        return index - start
    }

    /// Consumes `text` (ASCII) if it comes next, ignoring case.
    mutating func skip(caseInsensitive text: StaticString) -> Bool {
        let count = text.utf8CodeUnitCount
        guard end - index >= count else { return false }
        for offset in 0..<count where bytes[index + offset] | 0x20 != text.utf8Start[offset] | 0x20 {
            return false
        }
        index += count
        return true
    }

    /// Consumes exactly `count` digits and returns their value.
    @inline(__always)
    mutating func digits(_ count: Int) -> Int? {
        guard let (value, read) = digits(upTo: count), read == count else { return nil }
        return value
    }

    /// Consumes one to `maxCount` digits, stopping after `maxCount` even if more follow (the caller
    /// then finds a digit where it expects a separator or the end, and rejects the text);
    /// returns nil if no digit comes next.
    @inline(__always)
    mutating func digits(upTo maxCount: Int) -> (value: Int, count: Int)? {
        var value = 0
        let start = index
        while index < end, index - start < maxCount, let digit = Self.digitValue(bytes[index]) {
            value = value * 10 + digit
            index += 1
        }
        return index == start ? nil : (value, index - start)
    }

    /// Consumes a run of one or more digits after a decimal separator and returns the milliseconds
    /// they state: the first three digits, padded ("5" is 500); further digits are dropped (truncated).
    mutating func fractionMilliseconds() -> Int? {
        var milliseconds = 0
        let start = index
        while index < end, let digit = Self.digitValue(bytes[index]) {
            if index - start < 3 { milliseconds = milliseconds * 10 + digit }
            index += 1
        }
        switch index - start {
        case 0: return nil
        case 1: return milliseconds * 100
        case 2: return milliseconds * 10
        default: return milliseconds
        }
    }

    @inline(__always)
    static func digitValue(_ byte: UInt8) -> Int? {
        let value = byte &- UInt8(ascii: "0")
        return value < 10 ? Int(value) : nil
    }
}
