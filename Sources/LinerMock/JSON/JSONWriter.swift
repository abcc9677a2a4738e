import NIOCore

/// Writes JSON text into one growing byte array, handed over as a `ByteBuffer` at the end.
///
/// The server renders every page on demand, so this avoids `JSONEncoder` (reflection,
/// intermediate dictionaries) and `String` concatenation. It appends to a `[UInt8]` rather
/// than writing into a `ByteBuffer` directly: each `ByteBuffer` write re-checks uniqueness,
/// capacity and exclusivity, which made per-byte writes the bulk of a page's cost, while an
/// array append is inlined to a store; the single copy into a `ByteBuffer` is a memcpy.
/// Strings are escaped per RFC 8259: `"` and `\` and every byte below 0x20 (the short forms
/// `\b \f \n \r \t` where they exist, `\u00XX` otherwise); everything else, non-ASCII
/// included, is copied as UTF-8.
///
/// Commas are placed by the writer: `key(_:)` and `element()` write one unless the value is
/// the first in its container. No stack is needed because closing a container always leaves
/// the parent past its first value.
struct JSONWriter {
    private(set) var bytes: [UInt8]
    private var isFirstInContainer = true

    init(capacity: Int = 1024) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// The JSON written so far, as a buffer ready to send.
    var buffer: ByteBuffer {
        var buffer = ByteBufferAllocator().buffer(capacity: bytes.count)
        buffer.writeBytes(bytes)
        return buffer
    }

    // MARK: Structure

    mutating func beginObject() {
        bytes.append(UInt8(ascii: "{"))
        isFirstInContainer = true
    }

    mutating func endObject() {
        bytes.append(UInt8(ascii: "}"))
        isFirstInContainer = false
    }

    mutating func beginArray() {
        bytes.append(UInt8(ascii: "["))
        isFirstInContainer = true
    }

    mutating func endArray() {
        bytes.append(UInt8(ascii: "]"))
        isFirstInContainer = false
    }

    /// Starts a member: a comma if needed, then `"name":`. `name` must need no escaping.
    mutating func key(_ name: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        appendStatic(name)
        appendStatic("\":")
    }

    /// Starts a member whose name is computed (custom value ids); escaped like any string.
    mutating func key(_ name: String) {
        separate()
        writeEscaped(name)
        bytes.append(UInt8(ascii: ":"))
    }

    /// Starts an array element: a comma if needed.
    mutating func element() {
        separate()
    }

    private mutating func separate() {
        if isFirstInContainer {
            isFirstInContainer = false
        } else {
            bytes.append(UInt8(ascii: ","))
        }
    }

    // MARK: Values

    mutating func null() {
        appendStatic("null")
    }

    mutating func bool(_ value: Bool) {
        appendStatic(value ? "true" : "false")
    }

    mutating func string(_ value: String) {
        writeEscaped(value)
    }

    mutating func string(_ value: StaticString) {
        bytes.append(UInt8(ascii: "\""))
        appendStatic(value)
        bytes.append(UInt8(ascii: "\""))
    }

    mutating func stringOrNull(_ value: String?) {
        if let value { writeEscaped(value) } else { null() }
    }

    /// Copies pre-rendered JSON text verbatim.
    mutating func raw(_ text: StaticString) {
        appendStatic(text)
    }

    mutating func int(_ value: Int) {
        writeDecimal(Int64(value))
    }

    mutating func int(_ value: Int64) {
        writeDecimal(value)
    }

    /// An integer rendered as a JSON string, e.g. `"42"` (numbers sent as numeric strings).
    mutating func intAsString(_ value: Int64) {
        bytes.append(UInt8(ascii: "\""))
        writeDecimal(value)
        bytes.append(UInt8(ascii: "\""))
    }

    /// A decimal with one fractional digit from an integer count of tenths: 55 -> `5.5`.
    /// Rendered from integers so the text is exact and independent of `Double` formatting.
    mutating func tenths(_ value: Int) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        writeDecimal(Int64(abs(value) / 10))
        bytes.append(UInt8(ascii: "."))
        bytes.append(UInt8(ascii: "0") + UInt8(abs(value) % 10))
    }

    /// Writes an integer's digits, zero-padded to `width` (no quotes, for date parts).
    mutating func digits(_ value: Int, width: Int) {
        var scratch: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &scratch) { scratchBytes in
            var remaining = value
            for position in stride(from: width - 1, through: 0, by: -1) {
                scratchBytes[position] = UInt8(ascii: "0") + UInt8(remaining % 10)
                remaining /= 10
            }
            self.bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: scratchBytes[0..<width]))
        }
    }

    /// Writes one ASCII byte (date separators and the like).
    mutating func byte(_ value: UInt8) {
        bytes.append(value)
    }

    mutating func staticText(_ text: StaticString) {
        appendStatic(text)
    }

    // MARK: Internals

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    @inline(__always)
    private mutating func appendStatic(_ text: StaticString) {
        // withUTF8Buffer, not utf8Start: a one-character literal may be stored as a scalar.
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    private mutating func writeDecimal(_ value: Int64) {
        if value >= 0 && value < 10 {
            bytes.append(UInt8(ascii: "0") + UInt8(value))
            return
        }
        // 20 bytes hold any Int64 including the sign.
        var scratch: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &scratch) { scratchBytes in
            var magnitude = value.magnitude
            var position = 24
            repeat {
                position -= 1
                scratchBytes[position] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            if value < 0 {
                position -= 1
                scratchBytes[position] = UInt8(ascii: "-")
            }
            self.bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: scratchBytes[position..<24]))
        }
    }

    private mutating func writeEscaped(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            writeEscaped(utf8: UnsafeRawBufferPointer(utf8))
        }
    }

    private mutating func writeEscaped(utf8 text: UnsafeRawBufferPointer) {
        bytes.append(UInt8(ascii: "\""))
        var runStart = 0
        for index in 0..<text.count {
            let byte = text[index]
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
            if runStart < index {
                bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: text[runStart..<index]))
            }
            runStart = index + 1
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
                bytes.append(Self.hexDigits[Int(byte >> 4)])
                bytes.append(Self.hexDigits[Int(byte & 0x0F)])
            }
        }
        if runStart < text.count {
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: text[runStart..<text.count]))
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
