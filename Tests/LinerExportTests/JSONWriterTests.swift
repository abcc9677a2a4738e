import Foundation
import Testing

@testable import LinerExport

@Suite struct JSONWriterTests {
    static func written(_ value: JSONValue) -> String {
        var output: [UInt8] = []
        JSONWriter.append(value, to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    static func quoted(_ string: String) -> String {
        var output: [UInt8] = []
        JSONWriter.appendString(string, to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    // MARK: Strings

    @Test(arguments: 0..<0x20)
    func escapesEveryControlCharacter(code: Int) {
        let shortForms: [Int: String] = [0x08: #"\b"#, 0x09: #"\t"#, 0x0A: #"\n"#, 0x0C: #"\f"#, 0x0D: #"\r"#]
        let escape = shortForms[code] ?? "\\u00" + (code < 0x10 ? "0" : "") + String(code, radix: 16)
        let character = String(UnicodeScalar(UInt8(code)))
        #expect(Self.quoted(character) == "\"\(escape)\"")
        #expect(Self.quoted("a\(character)b") == "\"a\(escape)b\"")
    }

    @Test(arguments: [
        ("", #""""#),
        ("plain", #""plain""#),
        ("say \"hi\"", #""say \"hi\"""#),
        (#"C:\path"#, #""C:\\path""#),
        ("a/b", #""a/b""#),
        ("\u{7F}", "\"\u{7F}\""),
        ("Привет, мир", "\"Привет, мир\""),
        ("😀👨‍👩‍👧🇷🇺", "\"😀👨‍👩‍👧🇷🇺\""),
        ("a\u{2028}b\u{2029}c", #""a\u2028b\u2029c""#),
        ("€\u{2027}\u{202A}", "\"€\u{2027}\u{202A}\""),  // same lead byte as U+2028, but nothing to escape
        ("=SUM(A1)", #""=SUM(A1)""#),
        ("\u{FEFF}\u{FFFD}\u{10FFFF}", "\"\u{FEFF}\u{FFFD}\u{10FFFF}\""),
    ])
    func escapesOnlyWhatMustBeEscaped(string: String, expected: String) {
        #expect(Self.quoted(string) == expected)
    }

    /// The scanner reads eight bytes at a time and the tail as an overlapping word; an escape must be found
    /// at any position. "€" shares its lead byte 0xE2 with U+2028 and must stay raw wherever it falls.
    @Test(arguments: ["\"", "\\", "\n", "\u{0}", "\u{1F}", "\u{2028}", "\u{2029}", "€"])
    func findsAnEscapeAtEveryPositionAroundWordBoundaries(special: String) {
        let escaped = String(Self.quoted(special).dropFirst().dropLast())
        for filler in ["a", "€"] {
            for length in 1..<26 {
                for position in 0..<length {
                    let prefix = String(repeating: filler, count: position)
                    let suffix = String(repeating: "ж", count: length - position - 1)
                    #expect(Self.quoted(prefix + special + suffix) == "\"\(prefix)\(escaped)\(suffix)\"",
                            "\(filler) × \(position), then \(length - position - 1) more")
                }
            }
        }
    }

    @Test func appendsWithoutClearingTheBuffer() {
        var output = Array("x".utf8)
        JSONWriter.appendString("y", to: &output)
        JSONWriter.append(.array([.number("1")]), to: &output)
        #expect(String(decoding: output, as: UTF8.self) == #"x"y"[1]"#)
    }

    // MARK: Values

    @Test func writesCompactJSONInStoredKeyOrder() {
        let value = JSONValue.object(JSONObject([
            ("b", .array([.number("1.50"), .number("-0"), .number("1E+3"), .bool(true), .bool(false), .null, .string("x")])),
            ("a", .object(JSONObject())),
            ("b", .array([])),
            ("big", .number("12345678901234567890123")),
        ]))
        #expect(Self.written(value) == #"{"b":[1.50,-0,1E+3,true,false,null,"x"],"a":{},"b":[],"big":12345678901234567890123}"#)
    }

    @Test(arguments: ["NaN", "inf", "+1", "01", ".5", "1.", "", "1e", "0x10"])
    func writesAnInvalidNumberLiteralAsAString(literal: String) throws {
        let text = Self.written(.array([.number(literal)]))
        #expect(text == "[\(Self.quoted(literal))]")
        #expect(try JSONParser.parse(text) == .array([.string(literal)]))
    }

    @Test func writesEveryLeadOnOneLine() throws {
        var output: [UInt8] = []
        let leads: [JSONValue] = [
            .object(JSONObject([("sourceComment", .string("line 1\nline 2\r\n\u{2028}end"))])),
            .object(JSONObject([("name", .string("Tab\there"))])),
        ]
        for lead in leads {
            JSONWriter.append(lead, to: &output)
            output.append(0x0A)
        }
        let lines = output.split(separator: 0x0A, omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == leads.count)
        for (line, lead) in zip(lines, leads) {
            #expect(try JSONParser.parse(Array(line)) == lead)
        }
    }

    // MARK: Round trip

    @Test(arguments: RandomJSON.seeds)
    func roundTripsRandomValues(seed: UInt64) throws {
        var random = SeededGenerator(seed: seed)
        for document in 0..<200 {
            let value = RandomJSON.value(using: &random, forFoundation: false)
            var output: [UInt8] = []
            JSONWriter.append(value, to: &output)
            let context = Comment(rawValue: "seed \(seed), document \(document): \(String(decoding: output, as: UTF8.self))")
            let parsed = try JSONParser.parse(output)
            #expect(RandomJSON.isIdentical(parsed, value), context)
            #expect(!output.contains { $0 < 0x20 }, context)
            #expect(!String(decoding: output, as: UTF8.self).unicodeScalars.contains { $0 == "\u{2028}" || $0 == "\u{2029}" }, context)
        }
    }
}

/// Random JSON values and texts for property tests.
enum RandomJSON {
    /// Fixed seeds keep runs reproducible; one seed from the clock keeps exploring. The failing seed shows in
    /// the test's argument and in every failure message; rerun with `JSON_TEST_SEED=<seed> swift test`.
    static let seeds: [UInt64] = {
        if let text = ProcessInfo.processInfo.environment["JSON_TEST_SEED"], let seed = UInt64(text) {
            return [seed]
        }
        return [1, 2, 3, 42, 1337, 0xDEAD_BEEF, UInt64(Date().timeIntervalSince1970 * 1000)]
    }()

    static let trickyPieces = [
        "\"", "\\", "/", "\n", "\r\n", "\t", "\u{0}", "\u{1F}", "\u{7F}", "\u{2028}", "\u{2029}", "Привет",
        "ёЁ", "😀", "👨‍👩‍👧", "🇷🇺", "中文", "é", "e\u{301}", "\u{FEFF}", "\u{FFFD}", "'", "<tag>", "=SUM(A1)",
        "+79001234567", "\\u0041", "\u{10FFFF}", ",", " ",
    ]

    /// A random value; `forFoundation` keeps keys unique and numbers within `Double`'s exact reach of
    /// `JSONSerialization`, so both parsers must agree.
    static func value(using random: inout SeededGenerator, forFoundation: Bool, depth: Int = 0) -> JSONValue {
        switch Int.random(in: 0..<(depth >= 4 ? 4 : 7), using: &random) {
        case 0:
            return .null
        case 1:
            return .bool(Bool.random(using: &random))
        case 2:
            return .number(numberLiteral(using: &random, forFoundation: forFoundation))
        case 3:
            return .string(string(using: &random, forFoundation: forFoundation))
        case 4:
            let count = Int.random(in: 0...5, using: &random)
            return .array((0..<count).map { _ in value(using: &random, forFoundation: forFoundation, depth: depth + 1) })
        default:
            var members: [(key: String, value: JSONValue)] = []
            for _ in 0..<Int.random(in: 0...6, using: &random) {
                var key = string(using: &random, forFoundation: forFoundation)
                if !forFoundation, !members.isEmpty, Int.random(in: 0..<5, using: &random) == 0 {
                    key = members.randomElement(using: &random)!.key
                } else if forFoundation, members.contains(where: { $0.key == key }) {
                    continue
                }
                members.append((key, value(using: &random, forFoundation: forFoundation, depth: depth + 1)))
            }
            return .object(JSONObject(members))
        }
    }

    static func numberLiteral(using random: inout SeededGenerator, forFoundation: Bool) -> String {
        func digits(_ count: Int, _ random: inout SeededGenerator) -> String {
            String((0..<count).map { _ in Character(String(Int.random(in: 0...9, using: &random))) })
        }
        var literal = Bool.random(using: &random) ? "-" : ""
        if Int.random(in: 0..<4, using: &random) == 0 {
            literal += "0"
        } else {
            literal += String(Int.random(in: 1...9, using: &random))
            literal += digits(Int.random(in: 0...(forFoundation ? 8 : 25), using: &random), &random)
        }
        if Int.random(in: 0..<3, using: &random) == 0 {
            literal += "." + digits(Int.random(in: 1...(forFoundation ? 6 : 20), using: &random), &random)
        }
        if Int.random(in: 0..<4, using: &random) == 0 {
            literal += ["e", "E"].randomElement(using: &random)! + ["", "+", "-"].randomElement(using: &random)!
            literal += digits(Int.random(in: 1...(forFoundation ? 2 : 4), using: &random), &random)
        }
        return literal
    }

    /// A random string of tricky pieces and random scalars; `forFoundation` leaves out U+FEFF, because
    /// `JSONSerialization` on Linux drops it from the start of a string.
    static func string(using random: inout SeededGenerator, forFoundation: Bool) -> String {
        var text = ""
        let pieces = Int.random(in: 0..<10, using: &random) == 0 ? 100 : Int.random(in: 0...8, using: &random)
        for _ in 0..<pieces {
            switch Int.random(in: 0..<6, using: &random) {
            case 0:
                text += trickyPieces.randomElement(using: &random)!
            case 1:
                text += String(repeating: "a", count: Int.random(in: 1...20, using: &random))
            default:
                let ranges: [ClosedRange<UInt32>] = [0x00...0x7F, 0x00...0x1F, 0x400...0x4FF, 0xA0...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF]
                let range = ranges.randomElement(using: &random)!
                text.unicodeScalars.append(Unicode.Scalar(UInt32.random(in: range, using: &random))!)
            }
        }
        if forFoundation {
            text.unicodeScalars.removeAll { $0 == "\u{FEFF}" }
        }
        return text
    }

    /// JSON text for `value` spelled differently from `JSONWriter`: random whitespace between tokens and
    /// random escapes (short and `\u` forms, either hex case, surrogate pairs, `\/`), so the parser is not
    /// only ever tested on the writer's own spelling.
    static func noisyText(of value: JSONValue, using random: inout SeededGenerator) -> String {
        var text = ""
        appendNoisy(value, to: &text, using: &random)
        return whitespace(using: &random) + text + whitespace(using: &random)
    }

    private static func whitespace(using random: inout SeededGenerator) -> String {
        guard Int.random(in: 0..<3, using: &random) == 0 else { return "" }
        return String((0..<Int.random(in: 1...3, using: &random)).map { _ in [" ", "\t", "\n", "\r"].randomElement(using: &random)! })
    }

    private static func appendNoisy(_ value: JSONValue, to text: inout String, using random: inout SeededGenerator) {
        switch value {
        case .null: text += "null"
        case .bool(let flag): text += flag ? "true" : "false"
        case .number(let literal): text += literal
        case .string(let string): appendNoisyString(string, to: &text, using: &random)
        case .array(let elements):
            text += "[" + whitespace(using: &random)
            for (position, element) in elements.enumerated() {
                if position > 0 { text += "," + whitespace(using: &random) }
                appendNoisy(element, to: &text, using: &random)
                text += whitespace(using: &random)
            }
            text += "]"
        case .object(let object):
            text += "{" + whitespace(using: &random)
            for (position, member) in object.members.enumerated() {
                if position > 0 { text += "," + whitespace(using: &random) }
                appendNoisyString(member.key, to: &text, using: &random)
                text += whitespace(using: &random) + ":" + whitespace(using: &random)
                appendNoisy(member.value, to: &text, using: &random)
                text += whitespace(using: &random)
            }
            text += "}"
        }
    }

    private static func appendNoisyString(_ string: String, to text: inout String, using random: inout SeededGenerator) {
        func unicodeEscape(_ unit: UInt16, _ random: inout SeededGenerator) -> String {
            let hex = String(unit, radix: 16, uppercase: Bool.random(using: &random))
            return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        }
        let shortForms: [Unicode.Scalar: String] = [
            "\"": #"\""#, "\\": #"\\"#, "\u{08}": #"\b"#, "\u{0C}": #"\f"#, "\n": #"\n"#, "\r": #"\r"#, "\t": #"\t"#,
        ]
        text += "\""
        for scalar in string.unicodeScalars {
            let mustEscape = scalar.value < 0x20 || scalar == "\"" || scalar == "\\"
            if scalar == "/", Bool.random(using: &random) {
                text += #"\/"#
            } else if mustEscape, let short = shortForms[scalar], Bool.random(using: &random) {
                text += short
            } else if mustEscape || Int.random(in: 0..<6, using: &random) == 0 {
                for unit in String(scalar).utf16 {
                    text += unicodeEscape(unit, &random)
                }
            } else {
                text.unicodeScalars.append(scalar)
            }
        }
        text += "\""
    }

    /// Equality down to the bytes: `String`'s `==` treats canonically equivalent text (`é` and `e` + U+0301)
    /// as equal, which would hide a normalizing round trip.
    static func isIdentical(_ lhs: JSONValue, _ rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case (.bool(let left), .bool(let right)): return left == right
        case (.number(let left), .number(let right)): return Array(left.utf8) == Array(right.utf8)
        case (.string(let left), .string(let right)): return Array(left.utf8) == Array(right.utf8)
        case (.array(let left), .array(let right)):
            return left.count == right.count && zip(left, right).allSatisfy { isIdentical($0, $1) }
        case (.object(let left), .object(let right)):
            return left.members.count == right.members.count
                && zip(left.members, right.members).allSatisfy {
                    Array($0.key.utf8) == Array($1.key.utf8) && isIdentical($0.value, $1.value)
                }
        default: return false
        }
    }
}
