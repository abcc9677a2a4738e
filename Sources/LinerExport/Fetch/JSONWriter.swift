/// Appends compact JSON text to a byte buffer: the inverse of `JSONParser`, used for NDJSON lines.
///
/// Output never contains a raw control character, U+2028 or U+2029, so every line is one line to any
/// reader (JavaScript included); all other text is written as raw UTF-8.
public enum JSONWriter {
    /// Appends `value` as compact JSON: no whitespace, object keys in their stored order (duplicates too),
    /// numbers as their literal text.
    ///
    /// A `.number` whose literal is not valid JSON (say `"nan"` or `"+1"` built by hand) is written as a
    /// JSON string instead, so the output always parses; nothing the parser produced is affected.
    public static func append(_ value: JSONValue, to output: inout [UInt8]) {
        var sink = ByteSink(capacity: 1024)
        sink.write(value)
        sink.appendContents(to: &output)
    }

    /// Appends `string` as a quoted JSON string. Escapes `"`, `\` and every control character U+0000–U+001F
    /// (`\b \t \n \f \r` in short form, the rest as `\u00XX`), and U+2028/U+2029 as `\u2028`/`\u2029`;
    /// everything else goes out as raw UTF-8.
    public static func appendString(_ string: String, to output: inout [UInt8]) {
        var sink = ByteSink(capacity: string.utf8.count + 16)
        sink.writeQuoted(string)
        sink.appendContents(to: &output)
    }
}

/// A growable byte buffer the writer fills before handing the result to the caller's array in one copy:
/// `Array.append` per byte or per short run costs a uniqueness and capacity check each time, which
/// dominated the writer's profile.
private struct ByteSink: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var count = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    deinit {
        base.deallocate()
    }

    func appendContents(to output: inout [UInt8]) {
        output.append(contentsOf: UnsafeBufferPointer(start: base, count: count))
    }

    // MARK: Values

    mutating func write(_ value: JSONValue) {
        switch value {
        case .null:
            writeLiteral("null")
        case .bool(let flag):
            writeLiteral(flag ? "true" : "false")
        case .number(let literal):
            if JSONParser.isNumberLiteral(literal) {
                writeRaw(literal)
            } else {
                writeQuoted(literal)
            }
        case .string(let text):
            writeQuoted(text)
        case .array(let elements):
            writeByte(UInt8(ascii: "["))
            for position in elements.indices {
                if position > 0 { writeByte(UInt8(ascii: ",")) }
                write(elements[position])
            }
            writeByte(UInt8(ascii: "]"))
        case .object(let object):
            writeByte(UInt8(ascii: "{"))
            let members = object.members
            for position in members.indices {
                if position > 0 { writeByte(UInt8(ascii: ",")) }
                writeQuoted(members[position].key)
                writeByte(UInt8(ascii: ":"))
                write(members[position].value)
            }
            writeByte(UInt8(ascii: "}"))
        }
    }

    /// Writes `string` quoted and escaped.
    mutating func writeQuoted(_ string: String) {
        writeByte(UInt8(ascii: "\""))
        var string = string
        // withUTF8 copies only strings not already stored as contiguous UTF-8 (bridged ones, on Darwin).
        string.withUTF8 { writeEscaped($0) }
        writeByte(UInt8(ascii: "\""))
    }

    /// Copies runs that need no escaping in one go; on text without escapes that is the whole string.
    private mutating func writeEscaped(_ utf8: UnsafeBufferPointer<UInt8>) {
        guard let source = utf8.baseAddress else { return }
        let count = utf8.count
        var runStart = 0
        var index = 0
        var isTailChecked = false
        while index < count {
            // Skip eight clean bytes at a time; a word that might hold something is checked byte by byte.
            if index + 8 <= count {
                let word = UnsafeRawPointer(source + index).loadUnaligned(as: UInt64.self)
                if !mayNeedEscaping(word) {
                    index += 8
                    continue
                }
            } else if !isTailChecked {
                // Most strings are short, so the last few bytes get a word of their own, padded with spaces.
                isTailChecked = true
                var word: UInt64 = 0x2020_2020_2020_2020
                withUnsafeMutableBytes(of: &word) { padded in
                    padded.baseAddress!.copyMemory(from: source + index, byteCount: count - index)
                }
                if !mayNeedEscaping(word) {
                    index = count
                    break
                }
            }
            let byte = source[index]
            switch byte {
            case 0x00..<0x20, UInt8(ascii: "\""), UInt8(ascii: "\\"):
                writeBytes(UnsafeBufferPointer(start: source + runStart, count: index - runStart))
                writeEscape(for: byte)
                index += 1
                runStart = index
            case 0xE2 where index + 2 < count && source[index + 1] == 0x80 && (source[index + 2] | 1) == 0xA9:
                // U+2028 LINE SEPARATOR and U+2029 PARAGRAPH SEPARATOR end a line in JavaScript.
                writeBytes(UnsafeBufferPointer(start: source + runStart, count: index - runStart))
                writeLiteral(source[index + 2] == 0xA8 ? #"\u2028"# : #"\u2029"#)
                index += 3
                runStart = index
            default:
                index += 1
            }
        }
        writeBytes(UnsafeBufferPointer(start: source + runStart, count: count - runStart))
    }

    private mutating func writeEscape(for byte: UInt8) {
        let short: UInt8
        switch byte {
        case UInt8(ascii: "\""): short = UInt8(ascii: "\"")
        case UInt8(ascii: "\\"): short = UInt8(ascii: "\\")
        case 0x08: short = UInt8(ascii: "b")
        case 0x09: short = UInt8(ascii: "t")
        case 0x0A: short = UInt8(ascii: "n")
        case 0x0C: short = UInt8(ascii: "f")
        case 0x0D: short = UInt8(ascii: "r")
        default:
            let hexDigits: StaticString = "0123456789abcdef"
            writeLiteral(#"\u00"#)
            writeByte(hexDigits.utf8Start[Int(byte >> 4)])
            writeByte(hexDigits.utf8Start[Int(byte & 0x0F)])
            return
        }
        writeByte(UInt8(ascii: "\\"))
        writeByte(short)
    }

    /// Whether any byte of `word` is below 0x20, a quote, a backslash or 0xE2 (the lead byte of U+2028/9).
    /// Exact for "no": a `false` means all eight bytes can be copied as they are.
    @inline(__always)
    private func mayNeedEscaping(_ word: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        func hasZeroByte(_ x: UInt64) -> Bool { (x &- ones) & ~x & highs != 0 }
        let hasControl = (word &- ones &* 0x20) & ~word & highs != 0
        return hasControl
            || hasZeroByte(word ^ (ones &* 0x22))
            || hasZeroByte(word ^ (ones &* 0x5C))
            || hasZeroByte(word ^ (ones &* 0xE2))
    }
}

extension ByteSink {
    // MARK: Raw bytes

    @inline(__always)
    private mutating func reserve(_ extra: Int) {
        if count + extra > capacity {
            grow(toAtLeast: count + extra)
        }
    }

    private mutating func grow(toAtLeast minimum: Int) {
        let newCapacity = max(minimum, capacity * 2)
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.initialize(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    @inline(__always)
    mutating func writeByte(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    @inline(__always)
    mutating func writeBytes(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        reserve(bytes.count)
        (base + count).initialize(from: source, count: bytes.count)
        count += bytes.count
    }

    mutating func writeLiteral(_ literal: StaticString) {
        writeBytes(UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    /// Writes text that needs no escaping, such as a number literal.
    mutating func writeRaw(_ text: String) {
        var text = text
        text.withUTF8 { writeBytes($0) }
    }
}
