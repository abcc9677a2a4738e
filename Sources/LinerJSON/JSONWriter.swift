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
        switch value {
        case .null:
            output.append(contentsOf: "null".utf8)
        case .bool(let flag):
            output.append(contentsOf: flag ? "true".utf8 : "false".utf8)
        case .number(let literal) where JSONParser.isNumberLiteral(literal):
            output.append(contentsOf: literal.utf8)
        case .number(let text), .string(let text):
            appendString(text, to: &output)
        case .array, .object:
            // Containers go through a private buffer: thousands of small appends to `output` would each
            // pay `Array`'s uniqueness and capacity checks.
            var sink = ByteSink(capacity: 1024)
            sink.write(value)
            sink.appendContents(to: &output)
        }
    }

    /// Appends `string` as a quoted JSON string. Escapes `"`, `\` and every control character U+0000–U+001F
    /// (`\b \t \n \f \r` in short form, the rest as `\u00XX`), and U+2028/U+2029 as `\u2028`/`\u2029`;
    /// everything else goes out as raw UTF-8.
    public static func appendString(_ string: String, to output: inout [UInt8]) {
        string.withUTF8Bytes { appendQuoted($0, to: &output) }
    }

    /// Appends UTF-8 text as a quoted JSON string (see `appendString`).
    static func appendQuoted(_ utf8: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        if JSONEscaping.firstEscape(in: utf8, from: 0) == utf8.count {
            // The common case: nothing to escape, so the text goes in one copy.
            output.append(UInt8(ascii: "\""))
            output.append(contentsOf: utf8)
            output.append(UInt8(ascii: "\""))
        } else {
            var sink = ByteSink(capacity: ByteCursor.jsonQuotedRoom(utf8.count))
            sink.writeQuoted(utf8)
            sink.appendContents(to: &output)
        }
    }
}

/// Finding the bytes of UTF-8 text that a JSON string must escape.
private enum JSONEscaping {
    /// The offset of the first byte at or after `start` that starts something to escape (a control
    /// character, `"`, `\`, or U+2028/U+2029), or `utf8.count` if there is none.
    @inline(__always)
    static func firstEscape(in utf8: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard let source = utf8.baseAddress else { return 0 }
        let count = utf8.count
        var index = start
        // Eight bytes at a time; a word that might hold something is checked byte by byte.
        while index + 8 <= count {
            if mayNeedEscaping(UnsafeRawPointer(source + index).loadUnaligned(as: UInt64.self)) {
                for offset in index..<index + 8 where needsEscape(utf8, at: offset) {
                    return offset
                }
            }
            index += 8
        }
        // The last few bytes: one word ending at the end, overlapping bytes already known clean.
        if index < count, count - start >= 8,
            !mayNeedEscaping(UnsafeRawPointer(source + count - 8).loadUnaligned(as: UInt64.self))
        {
            return count
        }
        while index < count {
            if needsEscape(utf8, at: index) { return index }
            index += 1
        }
        return count
    }

    @inline(__always)
    static func needsEscape(_ utf8: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        let byte = utf8[index]
        return byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
            || (byte == 0xE2 && isLineSeparator(utf8, at: index))
    }

    /// Whether U+2028 LINE SEPARATOR or U+2029 PARAGRAPH SEPARATOR starts at `index`: both end a line
    /// in JavaScript, which would split an NDJSON record for some readers.
    @inline(__always)
    static func isLineSeparator(_ utf8: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        index + 2 < utf8.count && utf8[index] == 0xE2 && utf8[index + 1] == 0x80 && (utf8[index + 2] | 1) == 0xA9
    }

    /// Whether any byte of `word` is below 0x20, a quote, a backslash or 0xE2 (the lead byte of U+2028/9).
    /// Exact for "no": a `false` means all eight bytes can be copied as they are.
    @inline(__always)
    static func mayNeedEscaping(_ word: UInt64) -> Bool {
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

/// JSON text written into a `ByteSink`.
extension ByteSink {
    /// Writes `value` as compact JSON, as `JSONWriter.append` does.
    public mutating func write(_ value: JSONValue) {
        switch value {
        case .null:
            writeLiteral("null")
        case .bool(let flag):
            writeLiteral(flag ? "true" : "false")
        case .number(let literal) where JSONParser.isNumberLiteral(literal):
            writeRaw(literal)
        case .number(let text), .string(let text):
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

    /// Writes `string` quoted and escaped (see `JSONWriter.appendString`).
    public mutating func writeQuoted(_ string: String) {
        string.withUTF8Bytes { writeQuoted($0) }
    }

    /// Writes UTF-8 text quoted and escaped (see `JSONWriter.appendString`).
    public mutating func writeQuoted(_ utf8: UnsafeBufferPointer<UInt8>) {
        // Short text gets room for the worst case; long text its exact size, counted first, as six
        // times its size would stay held by a reused sink (the NDJSON row) for the rest of the run.
        let room = utf8.count <= 4096 ? ByteCursor.jsonQuotedRoom(utf8.count) : ByteCursor.jsonQuotedCount(utf8)
        write(room: room) { $0.putJSONQuoted(utf8) }
    }
}

/// JSON strings written through a `ByteCursor`.
extension ByteCursor {
    /// The most bytes `putJSONQuoted` writes for `count` bytes of text: every byte a `\u00XX` escape
    /// (U+2028's three bytes become six), and the two quotes.
    static func jsonQuotedRoom(_ count: Int) -> Int { 6 * count + 2 }

    /// Exactly how many bytes `putJSONQuoted` writes for `utf8`.
    static func jsonQuotedCount(_ utf8: UnsafeBufferPointer<UInt8>) -> Int {
        var count = utf8.count + 2
        var index = JSONEscaping.firstEscape(in: utf8, from: 0)
        while index < utf8.count {
            switch utf8[index] {
            case 0xE2: count += 3  // U+2028 or U+2029: three bytes become `\u2028`
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), 0x08, 0x09, 0x0A, 0x0C, 0x0D: count += 1  // `\n`
            default: count += 5  // `\u00XX`
            }
            index = JSONEscaping.firstEscape(in: utf8, from: index + (utf8[index] == 0xE2 ? 3 : 1))
        }
        return count
    }

    /// Writes the text quoted and escaped (see `JSONWriter.appendString`), copying the runs between
    /// escapes in one go each. Needs `jsonQuotedRoom(utf8.count)` bytes of room (at most), or
    /// `jsonQuotedCount(utf8)` (exactly).
    mutating func putJSONQuoted(_ utf8: UnsafeBufferPointer<UInt8>) {
        put(UInt8(ascii: "\""))
        var runStart = 0
        while true {
            let escape = JSONEscaping.firstEscape(in: utf8, from: runStart)
            put(UnsafeBufferPointer(rebasing: utf8[runStart..<escape]))
            guard escape < utf8.count else { break }
            let byte = utf8[escape]
            if byte == 0xE2 {
                put(utf8[escape + 2] == 0xA8 ? #"\u2028"# : #"\u2029"#)
                runStart = escape + 3
            } else {
                putEscape(for: byte)
                runStart = escape + 1
            }
        }
        put(UInt8(ascii: "\""))
    }

    private mutating func putEscape(for byte: UInt8) {
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
            put(#"\u00"#)
            put(hexDigits.utf8Start[Int(byte >> 4)])
            put(hexDigits.utf8Start[Int(byte & 0x0F)])
            return
        }
        put(UInt8(ascii: "\\"))
        put(short)
    }
}
