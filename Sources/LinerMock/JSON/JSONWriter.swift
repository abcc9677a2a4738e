import NIOCore

/// Writes JSON text straight into a `ByteBuffer`.
///
/// The server renders every page on demand, so this avoids `JSONEncoder` (reflection,
/// intermediate dictionaries) and `String` concatenation: bytes go into one buffer.
/// Strings are escaped per RFC 8259: `"` and `\` and every byte below 0x20 (the short forms
/// `\b \f \n \r \t` where they exist, `\u00XX` otherwise); everything else, non-ASCII
/// included, is copied as UTF-8.
///
/// Commas are placed by the writer: `key(_:)` and `element()` write one unless the value is
/// the first in its container. No stack is needed because closing a container always leaves
/// the parent past its first value.
struct JSONWriter {
    private(set) var buffer: ByteBuffer
    private var isFirstInContainer = true

    init(buffer: ByteBuffer) {
        self.buffer = buffer
    }

    init(capacity: Int = 1024) {
        self.buffer = ByteBufferAllocator().buffer(capacity: capacity)
    }

    // MARK: Structure

    mutating func beginObject() {
        buffer.writeInteger(UInt8(ascii: "{"))
        isFirstInContainer = true
    }

    mutating func endObject() {
        buffer.writeInteger(UInt8(ascii: "}"))
        isFirstInContainer = false
    }

    mutating func beginArray() {
        buffer.writeInteger(UInt8(ascii: "["))
        isFirstInContainer = true
    }

    mutating func endArray() {
        buffer.writeInteger(UInt8(ascii: "]"))
        isFirstInContainer = false
    }

    /// Starts a member: a comma if needed, then `"name":`. `name` must need no escaping.
    mutating func key(_ name: StaticString) {
        separate()
        buffer.writeInteger(UInt8(ascii: "\""))
        buffer.writeStaticString(name)
        buffer.writeStaticString("\":")
    }

    /// Starts a member whose name is computed (custom value ids); escaped like any string.
    mutating func key(_ name: String) {
        separate()
        writeEscaped(name)
        buffer.writeInteger(UInt8(ascii: ":"))
    }

    /// Starts an array element: a comma if needed.
    mutating func element() {
        separate()
    }

    private mutating func separate() {
        if isFirstInContainer {
            isFirstInContainer = false
        } else {
            buffer.writeInteger(UInt8(ascii: ","))
        }
    }

    // MARK: Values

    mutating func null() {
        buffer.writeStaticString("null")
    }

    mutating func bool(_ value: Bool) {
        buffer.writeStaticString(value ? "true" : "false")
    }

    mutating func string(_ value: String) {
        writeEscaped(value)
    }

    mutating func string(_ value: StaticString) {
        buffer.writeInteger(UInt8(ascii: "\""))
        buffer.writeStaticString(value)
        buffer.writeInteger(UInt8(ascii: "\""))
    }

    mutating func stringOrNull(_ value: String?) {
        if let value { writeEscaped(value) } else { null() }
    }

    /// Copies pre-rendered JSON text verbatim.
    mutating func raw(_ text: StaticString) {
        buffer.writeStaticString(text)
    }

    mutating func int(_ value: Int) {
        writeDecimal(Int64(value))
    }

    mutating func int(_ value: Int64) {
        writeDecimal(value)
    }

    /// An integer rendered as a JSON string, e.g. `"42"` (numbers sent as numeric strings).
    mutating func intAsString(_ value: Int64) {
        buffer.writeInteger(UInt8(ascii: "\""))
        writeDecimal(value)
        buffer.writeInteger(UInt8(ascii: "\""))
    }

    /// A decimal with one fractional digit from an integer count of tenths: 55 -> `5.5`.
    /// Rendered from integers so the text is exact and independent of `Double` formatting.
    mutating func tenths(_ value: Int) {
        if value < 0 { buffer.writeInteger(UInt8(ascii: "-")) }
        writeDecimal(Int64(abs(value) / 10))
        buffer.writeInteger(UInt8(ascii: "."))
        buffer.writeInteger(UInt8(ascii: "0") + UInt8(abs(value) % 10))
    }

    /// Writes an integer's digits, zero-padded to `width` (no quotes, for date parts).
    mutating func digits(_ value: Int, width: Int) {
        var scratch: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &scratch) { bytes in
            var remaining = value
            for position in stride(from: width - 1, through: 0, by: -1) {
                bytes[position] = UInt8(ascii: "0") + UInt8(remaining % 10)
                remaining /= 10
            }
            buffer.writeBytes(UnsafeRawBufferPointer(rebasing: bytes[0..<width]))
        }
    }

    /// Writes one ASCII byte (date separators and the like).
    mutating func byte(_ value: UInt8) {
        buffer.writeInteger(value)
    }

    mutating func staticText(_ text: StaticString) {
        buffer.writeStaticString(text)
    }

    // MARK: Internals

    private mutating func writeDecimal(_ value: Int64) {
        if value >= 0 && value < 10 {
            buffer.writeInteger(UInt8(ascii: "0") + UInt8(value))
            return
        }
        // 20 bytes hold any Int64 including the sign.
        var scratch: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &scratch) { bytes in
            var magnitude = value.magnitude
            var position = 24
            repeat {
                position -= 1
                bytes[position] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            if value < 0 {
                position -= 1
                bytes[position] = UInt8(ascii: "-")
            }
            buffer.writeBytes(UnsafeRawBufferPointer(rebasing: bytes[position..<24]))
        }
    }

    private mutating func writeEscaped(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            writeEscaped(utf8: UnsafeRawBufferPointer(utf8))
        }
    }

    private mutating func writeEscaped(utf8 bytes: UnsafeRawBufferPointer) {
        buffer.reserveCapacity(minimumWritableBytes: bytes.count + 2)
        buffer.writeInteger(UInt8(ascii: "\""))
        var runStart = 0
        for index in 0..<bytes.count {
            let byte = bytes[index]
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
            if runStart < index {
                buffer.writeBytes(UnsafeRawBufferPointer(rebasing: bytes[runStart..<index]))
            }
            runStart = index + 1
            switch byte {
            case UInt8(ascii: "\""): buffer.writeStaticString("\\\"")
            case UInt8(ascii: "\\"): buffer.writeStaticString("\\\\")
            case 0x08: buffer.writeStaticString("\\b")
            case 0x0C: buffer.writeStaticString("\\f")
            case 0x0A: buffer.writeStaticString("\\n")
            case 0x0D: buffer.writeStaticString("\\r")
            case 0x09: buffer.writeStaticString("\\t")
            default:
                let hex: StaticString = "0123456789abcdef"
                buffer.writeStaticString("\\u00")
                buffer.writeInteger(hex.utf8Start[Int(byte >> 4)])
                buffer.writeInteger(hex.utf8Start[Int(byte & 0x0F)])
            }
        }
        if runStart < bytes.count {
            buffer.writeBytes(UnsafeRawBufferPointer(rebasing: bytes[runStart..<bytes.count]))
        }
        buffer.writeInteger(UInt8(ascii: "\""))
    }
}
