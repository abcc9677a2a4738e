import Foundation
import LinerTestSupport
import Testing

@testable import LinerJSON

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
