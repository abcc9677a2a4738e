import NIOCore

/// Writes JSON text into one growing byte buffer, handed over as a `ByteBuffer` or `String`.
///
/// The server renders every page on demand, so this avoids `JSONEncoder` (reflection,
/// intermediate dictionaries) and `String` concatenation. It owns a raw allocation instead of
/// writing into a `ByteBuffer` or appending to a `[UInt8]`: both re-check uniqueness (and
/// `ByteBuffer` exclusivity) on every write, and with ~150 small writes per lead those checks
/// were most of a page's cost. Being `~Copyable` lets it free the allocation in `deinit`
/// without a class (whose stored properties would bring back dynamic exclusivity checks).
///
/// Strings are escaped per RFC 8259: `"` and `\` and every byte below 0x20 (the short forms
/// `\b \f \n \r \t` where they exist, `\u00XX` otherwise); everything else, non-ASCII
/// included, is copied as UTF-8.
///
/// Commas are placed by the writer: `key(_:)` and `element()` write one unless the value is
/// the first in its container. No stack is needed because closing a container always leaves
/// the parent past its first value.
///
/// The small writers are `@inline(__always)`: their arguments are mostly literals and constant
/// widths, and inlined their lengths fold into a few stores (calls were ~10% of a page).
struct JSONWriter: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private var count = 0
    private var capacity: Int
    private var isFirstInContainer = true

    init(capacity: Int = 1024) {
        self.capacity = max(64, capacity)
        self.base = .allocate(capacity: self.capacity)
    }

    deinit {
        base.deallocate()
    }

    /// The JSON written so far, copied into a buffer ready to send.
    var buffer: ByteBuffer {
        ByteBuffer(bytes: UnsafeRawBufferPointer(start: base, count: count))
    }

    /// The JSON written so far, as a string.
    var string: String {
        String(decoding: UnsafeBufferPointer(start: base, count: count), as: UTF8.self)
    }

    // MARK: Structure

    @inline(__always)
    mutating func beginObject() {
        append(UInt8(ascii: "{"))
        isFirstInContainer = true
    }

    @inline(__always)
    mutating func endObject() {
        append(UInt8(ascii: "}"))
        isFirstInContainer = false
    }

    @inline(__always)
    mutating func beginArray() {
        append(UInt8(ascii: "["))
        isFirstInContainer = true
    }

    @inline(__always)
    mutating func endArray() {
        append(UInt8(ascii: "]"))
        isFirstInContainer = false
    }

    /// Starts a member: a comma if needed, then `"name":`. `name` must need no escaping.
    ///
    /// Member names are literals only: there is no `String` overload, which a literal argument
    /// would prefer (and pay for escaping a name that never needs it).
    @inline(__always)
    mutating func key(_ name: StaticString) {
        let length = Self.byteCount(name)
        reserve(length + 4)
        if isFirstInContainer {
            isFirstInContainer = false
        } else {
            base[count] = UInt8(ascii: ",")
            count += 1
        }
        base[count] = UInt8(ascii: "\"")
        copyStatic(name, to: base + count + 1)
        base[count + 1 + length] = UInt8(ascii: "\"")
        base[count + 2 + length] = UInt8(ascii: ":")
        count += length + 3
    }

    /// Starts an array element: a comma if needed.
    @inline(__always)
    mutating func element() {
        separate()
    }

    @inline(__always)
    private mutating func separate() {
        if isFirstInContainer {
            isFirstInContainer = false
        } else {
            append(UInt8(ascii: ","))
        }
    }

    // MARK: Values

    @inline(__always)
    mutating func null() {
        appendStatic("null")
    }

    @inline(__always)
    mutating func bool(_ value: Bool) {
        appendStatic(value ? "true" : "false")
    }

    /// Disfavoured so that a literal argument picks the `StaticString` overload, which skips escaping.
    @_disfavoredOverload
    mutating func string(_ value: String) {
        writeEscaped(value)
    }

    /// A string known to need no escaping.
    @inline(__always)
    mutating func string(_ value: StaticString) {
        let length = Self.byteCount(value)
        reserve(length + 2)
        base[count] = UInt8(ascii: "\"")
        copyStatic(value, to: base + count + 1)
        base[count + 1 + length] = UInt8(ascii: "\"")
        count += length + 2
    }

    mutating func stringOrNull(_ value: String?) {
        if let value { writeEscaped(value) } else { null() }
    }

    mutating func int(_ value: Int) {
        writeDecimal(Int64(value))
    }

    mutating func int(_ value: Int64) {
        writeDecimal(value)
    }

    /// An integer rendered as a JSON string, e.g. `"42"` (numbers sent as numeric strings).
    mutating func intAsString(_ value: Int64) {
        append(UInt8(ascii: "\""))
        writeDecimal(value)
        append(UInt8(ascii: "\""))
    }

    /// A string made of a fixed prefix and a decimal number, e.g. `"B24-30000007"`, written
    /// without building a `String`.
    @inline(__always)
    mutating func quoted(prefix: StaticString, number: Int64) {
        append(UInt8(ascii: "\""))
        appendStatic(prefix)
        writeDecimal(number)
        append(UInt8(ascii: "\""))
    }

    /// A decimal with one fractional digit from an integer count of tenths: 55 -> `5.5`.
    /// Rendered from integers so the text is exact and independent of `Double` formatting.
    mutating func tenths(_ value: Int) {
        if value < 0 { append(UInt8(ascii: "-")) }
        writeDecimal(Int64(abs(value) / 10))
        append(UInt8(ascii: "."))
        append(UInt8(ascii: "0") + UInt8(abs(value) % 10))
    }

    /// Writes a non-negative integer's digits, zero-padded to `width` (no quotes; date parts).
    @inline(__always)
    mutating func digits(_ value: Int, width: Int) {
        reserve(width)
        ByteCopy.writeDigits(UInt64(value), width: width, endingAt: base + count + width)
        count += width
    }

    /// Writes one ASCII byte (date separators and the like).
    @inline(__always)
    mutating func byte(_ value: UInt8) {
        append(value)
    }

    /// Writes text known to need no escaping, verbatim.
    @inline(__always)
    mutating func staticText(_ text: StaticString) {
        appendStatic(text)
    }

    // MARK: Storage

    @inline(__always)
    private mutating func reserve(_ extra: Int) {
        if count + extra > capacity { grow(toAtLeast: count + extra) }
    }

    private mutating func grow(toAtLeast minimum: Int) {
        var newCapacity = capacity * 2
        while newCapacity < minimum { newCapacity *= 2 }
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.update(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    @inline(__always)
    private mutating func append(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    @inline(__always)
    private mutating func append(_ bytes: UnsafeRawBufferPointer) {
        guard let source = bytes.baseAddress, bytes.count > 0 else { return }
        reserve(bytes.count)
        ByteCopy.copy(from: source, to: base + count, count: bytes.count)
        count += bytes.count
    }

    @inline(__always)
    private mutating func appendStatic(_ text: StaticString) {
        let length = Self.byteCount(text)
        reserve(length)
        copyStatic(text, to: base + count)
        count += length
    }

    /// UTF-8 length of `text`. A one-character literal may be stored as a scalar rather than as
    /// bytes, and `utf8CodeUnitCount` traps on those.
    @inline(__always)
    private static func byteCount(_ text: StaticString) -> Int {
        text.hasPointerRepresentation ? text.utf8CodeUnitCount : text.unicodeScalar.utf8.count
    }

    /// Copies `text`'s UTF-8 to `destination`, which must have room for it.
    @inline(__always)
    private func copyStatic(_ text: StaticString, to destination: UnsafeMutablePointer<UInt8>) {
        if text.hasPointerRepresentation {
            ByteCopy.copy(from: text.utf8Start, to: destination, count: text.utf8CodeUnitCount)
        } else {
            // A one-character literal may be stored as a scalar rather than as bytes.
            text.withUTF8Buffer { destination.update(from: $0.baseAddress!, count: $0.count) }
        }
    }

    // MARK: Numbers and strings

    private mutating func writeDecimal(_ value: Int64) {
        let magnitude = value.magnitude
        let length = ByteCopy.decimalDigitCount(magnitude) + (value < 0 ? 1 : 0)
        reserve(length)
        if value < 0 { base[count] = UInt8(ascii: "-") }
        ByteCopy.writeDigits(magnitude, width: length - (value < 0 ? 1 : 0), endingAt: base + count + length)
        count += length
    }

    private mutating func writeEscaped(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            writeEscaped(utf8: UnsafeRawBufferPointer(utf8))
        }
    }

    private static let hexDigits: StaticString = "0123456789abcdef"

    private mutating func writeEscaped(utf8 text: UnsafeRawBufferPointer) {
        guard let source = text.baseAddress, var escapeAt = Self.firstEscapeOffset(in: text, from: 0) else {
            // Most texts need no escaping: one copy between the quotes.
            reserve(text.count + 2)
            base[count] = UInt8(ascii: "\"")
            if let source = text.baseAddress {
                ByteCopy.copy(from: source, to: base + count + 1, count: text.count)
            }
            base[count + 1 + text.count] = UInt8(ascii: "\"")
            count += text.count + 2
            return
        }
        // Worst case every byte becomes \u00XX; reserving it up front keeps the loop free of
        // capacity checks.
        reserve(text.count * 6 + 2)
        append(UInt8(ascii: "\""))
        var runStart = 0
        while true {
            append(UnsafeRawBufferPointer(start: source + runStart, count: escapeAt - runStart))
            let byte = text[escapeAt]
            switch byte {
            case UInt8(ascii: "\""): appendStatic("\\\"")
            case UInt8(ascii: "\\"): appendStatic("\\\\")
            case 0x08: appendStatic("\\b")
            case 0x0C: appendStatic("\\f")
            case 0x0A: appendStatic("\\n")
            case 0x0D: appendStatic("\\r")
            case 0x09: appendStatic("\\t")
            default:
                appendStatic("\\u00")
                append(Self.hexDigits.utf8Start[Int(byte >> 4)])
                append(Self.hexDigits.utf8Start[Int(byte & 0x0F)])
            }
            runStart = escapeAt + 1
            guard let next = Self.firstEscapeOffset(in: text, from: runStart) else { break }
            escapeAt = next
        }
        append(UnsafeRawBufferPointer(start: source + runStart, count: text.count - runStart))
        append(UInt8(ascii: "\""))
    }

    /// The offset of the first byte at or after `start` that needs escaping, eight bytes at a
    /// time; the last partial word is padded with spaces, which never need it.
    @inline(__always)
    private static func firstEscapeOffset(in text: UnsafeRawBufferPointer, from start: Int) -> Int? {
        var index = start
        while index + 8 <= text.count {
            let mask = escapeMask(UInt64(littleEndian: text.loadUnaligned(fromByteOffset: index, as: UInt64.self)))
            if mask != 0 { return index + mask.trailingZeroBitCount / 8 }
            index += 8
        }
        let remaining = text.count - index
        guard remaining > 0 else { return nil }
        // The tail is assembled in a register: bytes stored to memory and reloaded as one word
        // stall on store forwarding, a tenth of this function's time.
        var tail: UInt64 = 0
        if text.count >= 8 {
            // The last eight bytes, shifted so the ones already checked fall off the low end.
            tail = UInt64(littleEndian: text.loadUnaligned(fromByteOffset: text.count - 8, as: UInt64.self))
                >> UInt64(8 * (8 - remaining))
        } else {
            for offset in 0..<remaining {
                tail |= UInt64(text[index + offset]) << UInt64(8 * offset)
            }
        }
        tail |= 0x2020_2020_2020_2020 << UInt64(8 * remaining)
        let mask = escapeMask(tail)
        return mask == 0 ? nil : index + mask.trailingZeroBitCount / 8
    }

    /// The high bit of every byte of `word` (byte 0 lowest) that is below 0x20, a quote or a
    /// backslash, by the "has less than" and "has zero byte" bit tricks. A borrow can flag a
    /// byte above a flagged one, never below, so the lowest set bit is exact: that is all
    /// `firstEscapeOffset` reads. Bytes of multi-byte UTF-8 (all >= 0x80) are never flagged.
    @inline(__always)
    private static func escapeMask(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let below20 = (word &- ones &* 0x20) & ~word & highs
        let quote = word ^ (ones &* 0x22)
        let backslash = word ^ (ones &* 0x5C)
        let hasQuote = (quote &- ones) & ~quote & highs
        let hasBackslash = (backslash &- ones) & ~backslash & highs
        return below20 | hasQuote | hasBackslash
    }
}
