/// Why a JSON text could not be parsed, and where.
public struct JSONParseError: Error, CustomStringConvertible, Sendable, Equatable {
    /// Offset of the byte where the text stopped being valid JSON; the input's length when it ended early
    /// (a body the server cut half-way fails at its last byte plus one).
    public let byteOffset: Int
    /// What was wrong, in a few words, e.g. `"unterminated string opened at byte 12"`.
    public let reason: String

    /// The text holds more values than the parse allowed (`maxValues`): valid, perhaps, but too large.
    public let exceedsValueLimit: Bool

    /// Creates an error at `byteOffset` for `reason`.
    public init(byteOffset: Int, reason: String, exceedsValueLimit: Bool = false) {
        self.byteOffset = byteOffset
        self.reason = reason
        self.exceedsValueLimit = exceedsValueLimit
    }

    /// One line fit for a log or the CLI, e.g. `invalid JSON at byte 1234: unterminated string`.
    public var description: String { "invalid JSON at byte \(byteOffset): \(reason)" }
}

/// A strict RFC 8259 parser that keeps everything the server sent: number literals as text, key order,
/// duplicate keys.
///
/// Strict where a mistake means a broken body (trailing data, truncation, `NaN`, single quotes, trailing
/// commas, leading zeros: all errors with a byte offset); lenient where real servers are sloppy but the
/// meaning is clear:
/// - raw control characters (U+0000–U+001F) inside strings are kept as they are instead of rejected;
/// - invalid UTF-8 inside strings and lone surrogate escapes (`\uD800`) become U+FFFD;
/// - a leading UTF-8 byte order mark is skipped, as RFC 8259 §8.1 allows.
public enum JSONParser {
    /// Deepest nesting of arrays and objects accepted. The parser itself does not recurse, but comparing,
    /// writing and freeing a `JSONValue` do, so absurdly deep input is refused here instead of overflowing a
    /// stack later.
    public static let maxDepth = 512

    /// Parses one JSON text from raw bytes.
    ///
    /// Object keys that `knownKeys` names (without escapes) are its own `String`s, shared instead of a
    /// new one per occurrence (longer ones would be a heap allocation every time), so that the caller
    /// can then match them by identity (`KeyMatcher.slot(ofShared:)`).
    /// - Parameter maxValues: the most values (scalars, arrays and objects; the outermost not counted) the
    ///   text may hold: a parsed value
    ///   takes tens of bytes for the two of `0,`, so a bound on the bytes alone does not bound memory.
    /// - Throws: `JSONParseError` with the byte offset of the first problem (`exceedsValueLimit` past
    ///   `maxValues`).
    public static func parse(
        _ bytes: UnsafeRawBufferPointer, knownKeys: KeyMatcher = .empty, maxValues: Int = .max
    ) throws(JSONParseError) -> JSONValue {
        guard let base = bytes.baseAddress, !bytes.isEmpty else {
            throw JSONParseError(byteOffset: 0, reason: "unexpected end of input, expected a value")
        }
        var reader = JSONReader(bytes: base.assumingMemoryBound(to: UInt8.self), count: bytes.count, knownKeys: knownKeys)
        reader.valuesLeft = maxValues
        return try reader.parseDocument()
    }

    /// Parses one JSON text from a byte array, e.g. a response body (`knownKeys` as for raw bytes).
    /// - Throws: `JSONParseError` with the byte offset of the first problem.
    public static func parse(_ bytes: [UInt8], knownKeys: KeyMatcher = .empty) throws(JSONParseError) -> JSONValue {
        let result = bytes.withUnsafeBytes { buffer in
            Result { () throws(JSONParseError) in try parse(buffer, knownKeys: knownKeys) }
        }
        return try result.get()
    }

    /// Parses one JSON text from a string; offsets in errors count its UTF-8 bytes (`knownKeys` as
    /// for raw bytes).
    /// - Throws: `JSONParseError` with the byte offset of the first problem.
    public static func parse(_ text: String, knownKeys: KeyMatcher = .empty) throws(JSONParseError) -> JSONValue {
        var text = text
        let result = text.withUTF8 { buffer in
            Result { () throws(JSONParseError) in try parse(UnsafeRawBufferPointer(buffer), knownKeys: knownKeys) }
        }
        return try result.get()
    }

    /// Whether `literal` is a number exactly as RFC 8259 spells one (`-0.5e3` yes; `+1`, `01`, `.5`, `NaN` no).
    public static func isNumberLiteral(_ literal: String) -> Bool {
        var literal = literal
        return literal.withUTF8 { buffer in
            guard let base = buffer.baseAddress, !buffer.isEmpty else { return false }
            var reader = JSONReader(bytes: base, count: buffer.count, knownKeys: .empty)
            do {
                try reader.scanNumber()
            } catch {
                return false
            }
            return reader.index == buffer.count
        }
    }
}

/// The parser's cursor over the input bytes.
///
/// Nesting is tracked on an explicit stack rather than by recursion, so the call stack stays flat however
/// deep the input: a recursive descent needed ~700 bytes of stack a level, enough at 512 levels to
/// overflow a 512 KiB secondary thread's stack. Containers are built on shared scratch stacks and moved
/// out once complete, so each array or object is allocated once at its exact size.
private struct JSONReader: ~Copyable {
    let bytes: UnsafePointer<UInt8>
    let count: Int
    var index = 0
    var openContainers: [OpenContainer] = []
    var elementStack = MoveStack<JSONValue>()
    var memberStack = MoveStack<(key: String, value: JSONValue)>()
    /// Keys whose values are still being parsed, one per open object.
    var keyStack = MoveStack<String>()
    /// Reused for strings with escapes, the only ones whose bytes differ from the input.
    var unescaped: [UInt8] = []
    /// Keys parsed into the matcher's shared `String`s.
    let knownKeys: KeyMatcher
    /// Values the text may still hold (`JSONParser.parse(_:knownKeys:maxValues:)`).
    var valuesLeft = Int.max

    struct OpenContainer {
        let isObject: Bool
        /// Offset of the opening bracket, for "unterminated" errors.
        let start: Int
        /// Height of the element or member stack when the container opened.
        let stackBase: Int
    }

    init(bytes: UnsafePointer<UInt8>, count: Int, knownKeys: KeyMatcher) {
        self.bytes = bytes
        self.count = count
        self.knownKeys = knownKeys
    }

    mutating func parseDocument() throws(JSONParseError) -> JSONValue {
        if count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            index = 3
        }
        let value = try parseValue()
        skipWhitespace()
        if index < count {
            throw unexpectedByte(after: "the JSON value")
        }
        return value
    }

    // MARK: Values

    mutating func parseValue() throws(JSONParseError) -> JSONValue {
        parsing: while true {
            // At the start of a value.
            var value: JSONValue
            skipWhitespace()
            guard index < count else {
                throw error(at: count, "unexpected end of input, expected a value")
            }
            switch bytes[index] {
            case UInt8(ascii: "\""):
                value = .string(try parseString())
            case UInt8(ascii: "["):
                _ = try open(isObject: false)
                if bytes[index] != UInt8(ascii: "]") {
                    continue parsing
                }
                index += 1
                openContainers.removeLast()
                value = .array([])
            case UInt8(ascii: "{"):
                let container = try open(isObject: true)
                if bytes[index] != UInt8(ascii: "}") {
                    try parseKey(in: container)
                    continue parsing
                }
                index += 1
                openContainers.removeLast()
                value = .object(JSONObject())
            case UInt8(ascii: "t"):
                try expectLiteral("true")
                value = .bool(true)
            case UInt8(ascii: "f"):
                try expectLiteral("false")
                value = .bool(false)
            case UInt8(ascii: "n"):
                try expectLiteral("null")
                value = .null
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                let start = index
                try scanNumber()
                value = .number(String(decoding: UnsafeBufferPointer(start: bytes + start, count: index - start), as: UTF8.self))
            default:
                throw unexpectedByte(expecting: "a value")
            }

            // A value is complete: give it to its container, then close every container that ends here.
            while let container = openContainers.last {
                valuesLeft -= 1
                if valuesLeft < 0 {
                    throw JSONParseError(byteOffset: index, reason: "more values than allowed", exceedsValueLimit: true)
                }
                if container.isObject {
                    memberStack.push((key: keyStack.pop(), value: value))
                } else {
                    elementStack.push(value)
                }
                skipWhitespace()
                guard index < count else { throw unterminated(container) }
                let byte = bytes[index]
                if byte == UInt8(ascii: ",") {
                    index += 1
                    skipWhitespace()
                    guard index < count else { throw unterminated(container) }
                    if container.isObject {
                        if bytes[index] == UInt8(ascii: "}") { throw error("trailing comma before '}'") }
                        try parseKey(in: container)
                    } else if bytes[index] == UInt8(ascii: "]") {
                        throw error("trailing comma before ']'")
                    }
                    continue parsing
                }
                if container.isObject, byte == UInt8(ascii: "}") {
                    value = .object(JSONObject(memberStack.popArray(from: container.stackBase)))
                } else if !container.isObject, byte == UInt8(ascii: "]") {
                    value = .array(elementStack.popArray(from: container.stackBase))
                } else {
                    throw unexpectedByte(expecting: container.isObject ? "',' or '}' in object" : "',' or ']' in array")
                }
                index += 1
                openContainers.removeLast()
            }
            return value
        }
    }

    /// Opens the array or object whose bracket is at `index` and leaves `index` on the next token.
    mutating func open(isObject: Bool) throws(JSONParseError) -> OpenContainer {
        guard openContainers.count < JSONParser.maxDepth else {
            throw error("nesting deeper than \(JSONParser.maxDepth) levels")
        }
        let container = OpenContainer(
            isObject: isObject, start: index, stackBase: isObject ? memberStack.count : elementStack.count)
        openContainers.append(container)
        index += 1
        skipWhitespace()
        guard index < count else { throw unterminated(container) }
        return container
    }

    /// Parses `"key":` at `index`, leaving the key on `keyStack` for the value that follows.
    mutating func parseKey(in container: OpenContainer) throws(JSONParseError) {
        guard bytes[index] == UInt8(ascii: "\"") else {
            throw unexpectedByte(expecting: "a string key in object")
        }
        keyStack.push(try parseKeyString())
        skipWhitespace()
        guard index < count else { throw unterminated(container) }
        guard bytes[index] == UInt8(ascii: ":") else {
            throw unexpectedByte(expecting: "':' after object key")
        }
        index += 1
    }

    mutating func expectLiteral(_ literal: StaticString) throws(JSONParseError) {
        let start = index
        let length = literal.utf8CodeUnitCount
        let expected = literal.utf8Start
        for offset in 0..<length {
            guard start + offset < count else {
                throw error(at: count, "unexpected end of input in literal '\(literal)'")
            }
            guard bytes[start + offset] == expected[offset] else {
                throw error(at: start, "invalid literal, expected '\(literal)'")
            }
        }
        index = start + length
    }

    // MARK: Numbers

    /// Advances over one number, checking the RFC 8259 grammar; the caller slices out the literal.
    mutating func scanNumber() throws(JSONParseError) {
        if bytes[index] == UInt8(ascii: "-") {
            index += 1
        }
        guard index < count else { throw error(at: count, "unexpected end of input in number") }
        let first = bytes[index]
        if first == UInt8(ascii: "0") {
            index += 1
            if index < count, isDigit(bytes[index]) {
                throw error("leading zero in number")
            }
        } else if isDigit(first) {
            index += 1
            skipDigits()
        } else {
            throw unexpectedByte(expecting: "a digit after '-'")
        }
        if index < count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard index < count else { throw error(at: count, "unexpected end of input in number") }
            guard isDigit(bytes[index]) else {
                throw unexpectedByte(expecting: "a digit after the decimal point")
            }
            skipDigits()
        }
        if index < count, bytes[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            if index < count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                index += 1
            }
            guard index < count else { throw error(at: count, "unexpected end of input in number") }
            guard isDigit(bytes[index]) else {
                throw unexpectedByte(expecting: "a digit in the exponent")
            }
            skipDigits()
        }
    }

    @inline(__always)
    mutating func skipDigits() {
        while index < count, isDigit(bytes[index]) {
            index += 1
        }
    }

    @inline(__always)
    func isDigit(_ byte: UInt8) -> Bool {
        byte &- UInt8(ascii: "0") < 10
    }

    // MARK: Strings

    /// Parses a string starting at its opening quote.
    mutating func parseString() throws(JSONParseError) -> String {
        let start = index
        index += 1
        let contentStart = index
        // Eight bytes at a time to the first quote or backslash: most strings have neither escapes nor anything
        // else worth looking at, and sourceComment values can be long. Reading past the string's end is fine
        // while inside the input.
        while index + 8 <= count {
            let word = UInt64(littleEndian: UnsafeRawPointer(bytes + index).loadUnaligned(as: UInt64.self))
            let matches = zeroByteMask(word ^ 0x2222_2222_2222_2222) | zeroByteMask(word ^ 0x5C5C_5C5C_5C5C_5C5C)
            if matches != 0 {
                // The lowest flagged byte is always a true match (borrows only flag bytes above one).
                index += matches.trailingZeroBitCount >> 3
                break
            }
            index += 8
        }
        while index < count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                // String(decoding:) replaces invalid UTF-8 with U+FFFD, which is the repair we want.
                let text = String(
                    decoding: UnsafeBufferPointer(start: bytes + contentStart, count: index - contentStart),
                    as: UTF8.self)
                index += 1
                return text
            }
            if byte == UInt8(ascii: "\\") {
                return try parseEscapedString(openedAt: start, contentStart: contentStart)
            }
            // Raw control characters fall through here on purpose: real servers send them unescaped.
            index += 1
        }
        throw unterminated("string", openedAt: start)
    }

    /// A key at its opening quote: the shared copy of a known key, else parsed as any string. Only
    /// keys without escapes are looked up; their bytes are then exactly the name's.
    mutating func parseKeyString() throws(JSONParseError) -> String {
        let contentStart = index + 1
        var end = contentStart
        while end < count, bytes[end] != UInt8(ascii: "\""), bytes[end] != UInt8(ascii: "\\") { end += 1 }
        if end < count, bytes[end] == UInt8(ascii: "\""),
            let slot = knownKeys.slot(ofBytes: UnsafeBufferPointer(start: bytes + contentStart, count: end - contentStart))
        {
            index = end + 1
            return knownKeys.names[slot]
        }
        return try parseString()
    }

    /// The slow path, from the first backslash on: decoded bytes go to `unescaped`.
    mutating func parseEscapedString(openedAt start: Int, contentStart: Int) throws(JSONParseError) -> String {
        unescaped.removeAll(keepingCapacity: true)
        unescaped.append(contentsOf: UnsafeBufferPointer(start: bytes + contentStart, count: index - contentStart))
        while index < count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return String(decoding: unescaped, as: UTF8.self)
            }
            if byte != UInt8(ascii: "\\") {
                let runStart = index
                while index < count, bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "\\") {
                    index += 1
                }
                unescaped.append(contentsOf: UnsafeBufferPointer(start: bytes + runStart, count: index - runStart))
                continue
            }
            guard index + 1 < count else { break }
            switch bytes[index + 1] {
            case UInt8(ascii: "\""): unescaped.append(0x22)
            case UInt8(ascii: "\\"): unescaped.append(0x5C)
            case UInt8(ascii: "/"): unescaped.append(0x2F)
            case UInt8(ascii: "b"): unescaped.append(0x08)
            case UInt8(ascii: "f"): unescaped.append(0x0C)
            case UInt8(ascii: "n"): unescaped.append(0x0A)
            case UInt8(ascii: "r"): unescaped.append(0x0D)
            case UInt8(ascii: "t"): unescaped.append(0x09)
            case UInt8(ascii: "u"):
                try appendUnicodeEscape(stringStart: start)
                continue
            default:
                throw error("invalid escape sequence '\\\(describeEscapedByte(at: index + 1))'")
            }
            index += 2
        }
        throw unterminated("string", openedAt: start)
    }

    /// Decodes `\uXXXX` at `index` (pairing surrogates) and advances past it.
    mutating func appendUnicodeEscape(stringStart: Int) throws(JSONParseError) {
        let unit = try hexQuad(at: index + 2, stringStart: stringStart)
        index += 6
        switch unit {
        case 0xD800...0xDBFF:
            // Peek for the low half; anything else leaves a lone high surrogate, which no String can hold.
            if index + 6 <= count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u"),
                let low = hexQuadIfValid(at: index + 2), (0xDC00...0xDFFF).contains(low)
            {
                index += 6
                appendScalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))
            } else {
                appendScalar(0xFFFD)
            }
        case 0xDC00...0xDFFF:
            appendScalar(0xFFFD)
        default:
            appendScalar(unit)
        }
    }

    func hexQuad(at position: Int, stringStart: Int) throws(JSONParseError) -> UInt32 {
        if let unit = hexQuadIfValid(at: position) {
            return unit
        }
        // A body cut inside the escape is truncation, not a bad escape.
        for offset in position..<min(position + 4, count) where hexDigit(bytes[offset]) == nil {
            throw error(at: position - 2, "invalid \\u escape, expected four hex digits")
        }
        throw unterminated("string", openedAt: stringStart)
    }

    func hexQuadIfValid(at position: Int) -> UInt32? {
        guard position + 4 <= count else { return nil }
        var unit: UInt32 = 0
        for offset in 0..<4 {
            guard let digit = hexDigit(bytes[position + offset]) else { return nil }
            unit = unit << 4 | UInt32(digit)
        }
        return unit
    }

    @inline(__always)
    func hexDigit(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    mutating func appendScalar(_ scalar: UInt32) {
        switch scalar {
        case 0..<0x80:
            unescaped.append(UInt8(scalar))
        case 0x80..<0x800:
            unescaped.append(UInt8(0xC0 | scalar >> 6))
            unescaped.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            unescaped.append(UInt8(0xE0 | scalar >> 12))
            unescaped.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            unescaped.append(UInt8(0x80 | scalar & 0x3F))
        default:
            unescaped.append(UInt8(0xF0 | scalar >> 18))
            unescaped.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            unescaped.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            unescaped.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    /// The high bit of each zero byte of `word` set (the classic SWAR test); bytes above a zero byte may be
    /// flagged falsely, the lowest flag never is.
    @inline(__always)
    func zeroByteMask(_ word: UInt64) -> UInt64 {
        (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080
    }

    // MARK: Whitespace and errors

    @inline(__always)
    mutating func skipWhitespace() {
        while index < count {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    func error(_ reason: String) -> JSONParseError {
        JSONParseError(byteOffset: index, reason: reason)
    }

    func error(at offset: Int, _ reason: String) -> JSONParseError {
        JSONParseError(byteOffset: offset, reason: reason)
    }

    /// End of input inside a container or string: what a body cut half-way looks like.
    @inline(never)
    func unterminated(_ what: String, openedAt start: Int) -> JSONParseError {
        JSONParseError(byteOffset: count, reason: "unexpected end of input, unterminated \(what) opened at byte \(start)")
    }

    @inline(never)
    func unterminated(_ container: OpenContainer) -> JSONParseError {
        unterminated(container.isObject ? "object" : "array", openedAt: container.start)
    }

    /// The byte at `index` is not what the grammar allows here.
    @inline(never)
    func unexpectedByte(expecting expected: String) -> JSONParseError {
        error("unexpected \(describeByte(at: index)), expected \(expected)")
    }

    @inline(never)
    func unexpectedByte(after what: String) -> JSONParseError {
        error("unexpected \(describeByte(at: index)) after \(what)")
    }

    func describeByte(at position: Int) -> String {
        let byte = bytes[position]
        if (0x21...0x7E).contains(byte) {
            return "'\(Character(Unicode.Scalar(byte)))'"
        }
        return "byte 0x\(String(byte, radix: 16, uppercase: true))"
    }

    func describeEscapedByte(at position: Int) -> String {
        let byte = bytes[position]
        if (0x21...0x7E).contains(byte) {
            return String(Character(Unicode.Scalar(byte)))
        }
        return "<0x\(String(byte, radix: 16, uppercase: true))>"
    }
}

/// A stack whose top elements can be moved out into an array without copying them: `Array`'s own
/// `removeSubrange` would retain each element for the copy and release it again.
private struct MoveStack<Element>: ~Copyable {
    /// Allocated on first push: validating a lone number literal needs no stack at all.
    private var base: UnsafeMutablePointer<Element>?
    private var capacity = 0
    private(set) var count = 0

    init() {}

    deinit {
        // Non-empty only when parsing threw half-way.
        base?.deinitialize(count: count)
        base?.deallocate()
    }

    @inline(__always)
    mutating func pop() -> Element {
        count -= 1
        return (base.unsafelyUnwrapped + count).move()
    }

    @inline(__always)
    mutating func push(_ element: consuming Element) {
        if count == capacity {
            grow()
        }
        (base.unsafelyUnwrapped + count).initialize(to: element)
        count += 1
    }

    private mutating func grow() {
        let newCapacity = max(64, capacity * 2)
        let newBase = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
        if let base {
            newBase.moveInitialize(from: base, count: count)
            base.deallocate()
        }
        base = newBase
        capacity = newCapacity
    }

    /// Moves the elements from position `start` to the top into a new array of exactly that size.
    mutating func popArray(from start: Int) -> [Element] {
        let moved = count - start
        let source = base.unsafelyUnwrapped + start
        count = start
        return Array(unsafeUninitializedCapacity: moved) { buffer, initializedCount in
            buffer.baseAddress!.moveInitialize(from: source, count: moved)
            initializedCount = moved
        }
    }
}
