import Foundation
import LinerTestSupport
import Testing

@testable import LinerJSON

@Suite struct JSONParserTests {
    // MARK: Values

    @Test(arguments: [
        ("null", JSONValue.null),
        ("true", .bool(true)),
        ("false", .bool(false)),
        ("0", .number("0")),
        ("-0", .number("-0")),
        ("1.50", .number("1.50")),
        ("1E+3", .number("1E+3")),
        ("-0.0e-0", .number("-0.0e-0")),
        ("12345678901234567890123", .number("12345678901234567890123")),
        ("1e-7", .number("1e-7")),
        (#""""#, .string("")),
        (#""Иван Петров""#, .string("Иван Петров")),
        ("[]", .array([])),
        ("{}", .object(JSONObject())),
        (#"[1,"a",null,[true],{}]"#, .array([.number("1"), .string("a"), .null, .array([.bool(true)]), .object(JSONObject())])),
        (#"{"a":{"b":[{"c":null}]}}"#, .object(JSONObject([("a", .object(JSONObject([("b", .array([.object(JSONObject([("c", .null)]))]))])))]))),
    ])
    func parsesEveryKindOfValue(text: String, expected: JSONValue) throws {
        #expect(try JSONParser.parse(text) == expected)
    }

    @Test func keepsNumberLiteralsExactly() throws {
        let parsed = try JSONParser.parse(#"[1.50, -0, 1E+3, 12345678901234567890123, 0.1000000000000000055511151231257827]"#)
        #expect(parsed == .array(["1.50", "-0", "1E+3", "12345678901234567890123", "0.1000000000000000055511151231257827"].map(JSONValue.number)))
    }

    @Test func acceptsWhitespaceAroundEveryToken() throws {
        let parsed = try JSONParser.parse(" \t\r\n{ \"a\" :\n[ 1 ,\t2 ] , \"b\" : { } }\r\n ")
        #expect(parsed == .object(JSONObject([("a", .array([.number("1"), .number("2")])), ("b", .object(JSONObject()))])))
    }

    @Test func skipsALeadingByteOrderMark() throws {
        #expect(try JSONParser.parse([0xEF, 0xBB, 0xBF] + Array("[1]".utf8)) == .array([.number("1")]))
    }

    @Test func keepsKeyOrderAndDuplicateKeys() throws {
        let parsed = try JSONParser.parse(#"{"b":1,"a":2,"b":3}"#)
        let object = try #require(parsed.objectValue, "expected an object, got \(parsed)")
        #expect(object.members.map(\.key) == ["b", "a", "b"])
        #expect(object.members.map(\.value) == [.number("1"), .number("2"), .number("3")])
        #expect(object["b"] == .number("1"))
        #expect(object["missing"] == nil)
    }

    @Test func allEntryPointsAgree() throws {
        let text = #"{"id":1,"name":"Анна 😀","tags":["a\nb"]}"#
        let bytes = Array(text.utf8)
        let fromBuffer = try bytes.withUnsafeBytes { try JSONParser.parse($0) }
        #expect(try JSONParser.parse(text) == fromBuffer)
        #expect(try JSONParser.parse(bytes) == fromBuffer)
        let empty = UnsafeRawBufferPointer(start: nil, count: 0)
        #expect(throws: JSONParseError(byteOffset: 0, reason: "unexpected end of input, expected a value")) {
            try JSONParser.parse(empty)
        }
    }

    // MARK: Strings

    @Test(arguments: [
        (#""\"\\\/\b\f\n\r\t""#, "\"\\/\u{08}\u{0C}\n\r\t"),
        (#""\u0041\u00e9\u00E9\u0416\u20AC""#, "AééЖ€"),
        (#""\u0000""#, "\u{0}"),
        (#""a\u2028b""#, "a\u{2028}b"),
        (#""plain \"quoted\" text""#, "plain \"quoted\" text"),
        (#""\ud83d\ude00""#, "😀"),
        (#""\uD83D\uDE00x""#, "😀x"),
        (#""\ud83d""#, "\u{FFFD}"),
        (#""\ud83dx""#, "\u{FFFD}x"),
        (#""\ude00""#, "\u{FFFD}"),
        (#""\ud83d\ud83d\ude00""#, "\u{FFFD}😀"),
        (#""\ud83d\n""#, "\u{FFFD}\n"),
        (#""\ud83d\u0041""#, "\u{FFFD}A"),
        (#""\ude00\ud83d""#, "\u{FFFD}\u{FFFD}"),
    ])
    func decodesEscapes(json: String, expected: String) throws {
        let parsed = try JSONParser.parse(json)
        #expect(parsed.stringValue.map { Array($0.utf8) } == Array(expected.utf8), "\(json)")
    }

    @Test(arguments: [
        ([0x22, 0xFF, 0x22], "\u{FFFD}"),
        ([0x22, 0x61, 0xE2, 0x82, 0x22], "a\u{FFFD}"),
        ([0x22, 0xC0, 0xAF, 0x22], "\u{FFFD}\u{FFFD}"),
        ([0x22, 0xED, 0xA0, 0x80, 0x22], "\u{FFFD}\u{FFFD}\u{FFFD}"),  // a surrogate encoded as UTF-8
        ([0x22, 0xFF, 0x5C, 0x6E, 0xE2, 0x82, 0x22], "\u{FFFD}\n\u{FFFD}"),  // on the escape path too
        ([0x22, 0xD0, 0x96, 0x22], "Ж"),
    ] as [([UInt8], String)])
    func replacesInvalidUTF8(bytes: [UInt8], expected: String) throws {
        let parsed = try JSONParser.parse(bytes)
        #expect(parsed.stringValue.map { Array($0.utf8) } == Array(expected.utf8), "\(bytes)")
    }

    @Test func acceptsRawControlCharactersInStrings() throws {
        // Deliberately lenient: servers send raw tabs and newlines in comments, and rejecting the page would lose leads.
        let raw = "\"a\u{01}\t\nb\u{1F}\u{0}\""
        #expect(try JSONParser.parse(raw) == .string("a\u{01}\t\nb\u{1F}\u{0}"))
        #expect(try JSONParser.parse("\"\u{01}\\n\u{02}\"") == .string("\u{01}\n\u{02}"))
    }

    // MARK: Nesting

    @Test func acceptsNestingUpToTheLimit() throws {
        let depth = JSONParser.maxDepth
        let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        var value = try JSONParser.parse(text)
        var levels = 0
        while case .array(let elements) = value {
            levels += 1
            guard let first = elements.first else { break }
            value = first
        }
        #expect(levels == depth)
    }

    @Test func rejectsNestingBeyondTheLimitWithoutOverflowingTheStack() {
        let limit = JSONParser.maxDepth
        let arrays = String(repeating: "[", count: 100_000)
        #expect(throws: JSONParseError(byteOffset: limit, reason: "nesting deeper than \(limit) levels")) {
            try JSONParser.parse(arrays)
        }
        let objects = String(repeating: #"{"a":"#, count: limit + 1) + "1" + String(repeating: "}", count: limit + 1)
        #expect(throws: JSONParseError(byteOffset: limit * 5, reason: "nesting deeper than \(limit) levels")) {
            try JSONParser.parse(objects)
        }
    }

    /// Parsing keeps no state on the call stack, so the deepest document fits a thread with a small stack
    /// (macOS gives secondary threads 512 KiB; this one gets 128 KiB).
    @Test func parsesTheDeepestDocumentOnASmallStack() throws {
        let depth = JSONParser.maxDepth
        let text = String(repeating: #"{"a":["#, count: depth / 2) + "1" + String(repeating: "]}", count: depth / 2)
        let outcome = ThreadOutcome()
        let thread = Thread {
            // Only whether parsing succeeded crosses back: the value itself is freed (recursively) here.
            outcome.finish(with: (try? JSONParser.parse(text)) != nil)
        }
        thread.stackSize = 128 * 1024
        thread.start()
        outcome.finished.wait()
        #expect(outcome.succeeded)
    }

    final class ThreadOutcome: @unchecked Sendable {
        let finished = DispatchSemaphore(value: 0)
        private(set) var succeeded = false

        func finish(with succeeded: Bool) {
            self.succeeded = succeeded
            finished.signal()
        }
    }

    // MARK: Malformed input

    @Test(arguments: [
        ("", 0, "end of input"),
        ("   ", 3, "end of input"),
        (#"{"a":1"#, 6, "unterminated object opened at byte 0"),
        (#"{"a":1,"#, 7, "unterminated object"),
        (#"{"a""#, 4, "unterminated object"),
        (#"{"a":"#, 5, "end of input"),
        (#"{"a":"b"#, 7, "unterminated string opened at byte 5"),
        ("[1,2", 4, "unterminated array"),
        ("[1,", 3, "unterminated array"),
        ("[", 1, "unterminated array"),
        (#""abc"#, 4, "unterminated string"),
        (#""\"#, 2, "unterminated string"),
        (#""\u00"#, 5, "unterminated string"),
        ("tru", 3, "end of input"),
        ("nul", 3, "end of input"),
        ("[1,2,]", 5, "trailing comma"),
        (#"{"a":1,}"#, 7, "trailing comma"),
        ("[,1]", 1, "expected a value"),
        (#"{"a":}"#, 5, "expected a value"),
        ("01", 1, "leading zero"),
        ("-01", 2, "leading zero"),
        ("[00]", 2, "leading zero"),
        ("-", 1, "end of input"),
        ("-x", 1, "expected a digit after '-'"),
        ("[-]", 2, "expected a digit after '-'"),
        ("1.", 2, "end of input"),
        ("1.x", 2, "decimal point"),
        ("1.e5", 2, "decimal point"),
        ("1e", 2, "end of input"),
        ("1e+", 3, "end of input"),
        ("[1e]", 3, "exponent"),
        (".5", 0, "unexpected '.'"),
        ("+1", 0, "unexpected '+'"),
        ("NaN", 0, "unexpected 'N'"),
        ("[1,NaN]", 3, "unexpected 'N'"),
        ("Infinity", 0, "unexpected 'I'"),
        ("-Infinity", 1, "expected a digit after '-'"),
        ("'a'", 0, "unexpected"),
        ("{'a':1}", 1, "expected a string key"),
        ("{1:2}", 1, "expected a string key"),
        (#"{"a" 1}"#, 5, "expected ':'"),
        (#"{"a":1 "b":2}"#, 7, "expected ',' or '}'"),
        ("[1 2]", 3, "expected ',' or ']'"),
        ("[1,2\u{0}", 4, "byte 0x0"),
        ("1 2", 2, "after the JSON value"),
        ("{}x", 2, "after the JSON value"),
        ("[1]]", 3, "after the JSON value"),
        (#"{"a":1}{"b":2}"#, 7, "after the JSON value"),
        (#""abc"x"#, 5, "after the JSON value"),
        (#""\x""#, 1, "invalid escape sequence '\\x'"),
        (#""\u12G4""#, 1, "invalid \\u escape"),
        (#""\'""#, 1, "invalid escape"),
        ("trux", 0, "invalid literal, expected 'true'"),
        ("nulL", 0, "invalid literal, expected 'null'"),
        ("True", 0, "unexpected 'T'"),
        ("<html><head><title>502 Bad Gateway</title></head></html>", 0, "unexpected '<'"),
        ("\n\n<!DOCTYPE html>", 2, "unexpected '<'"),
        ("// comment\n1", 0, "unexpected '/'"),
        ("\u{0B}1", 0, "byte 0xB"),
        ("\u{A0}1", 0, "byte 0xC2"),
        ("[\u{FEFF}1]", 1, "byte 0xEF"),
    ])
    func rejectsMalformedInput(text: String, offset: Int, reason: String) {
        do {
            let value = try JSONParser.parse(text)
            Issue.record("\(text.debugDescription) parsed as \(value)")
        } catch {
            #expect(error.byteOffset == offset, "\(text.debugDescription): \(error)")
            #expect(error.reason.contains(reason), "\(text.debugDescription): \(error)")
        }
    }

    @Test func rejectsInvalidUTF8OutsideStrings() {
        #expect(throws: JSONParseError(byteOffset: 0, reason: "unexpected byte 0xFF, expected a value")) {
            try JSONParser.parse([0xFF])
        }
    }

    @Test func describesErrorsOnOneLine() {
        let error = JSONParseError(byteOffset: 1234, reason: "unterminated string")
        #expect(error.description == "invalid JSON at byte 1234: unterminated string")
    }

    /// A body the server cut off anywhere fails, and the error points at the cut.
    @Test func rejectsEveryTruncationOfALeadPage() throws {
        let page = Array(Self.leadPage.utf8)
        #expect(throws: Never.self) { try JSONParser.parse(page) }
        for length in 0..<page.count {
            do {
                _ = try JSONParser.parse(Array(page[..<length]))
                Issue.record("the first \(length) bytes parsed")
            } catch {
                #expect(error.byteOffset == length, "cut at \(length): \(error)")
            }
        }
    }

    static let leadPage = #"""
        {"success":true,"message":"","data":{"list":[{"id":123,"name":"Иван \"Ваня\" Петров","phone":"+79001234567",
        "sourceComment":"{\"q1\":\"Да\",\"q2\":\"\u0434\u0430\"}\n😀 \ud83d\ude00","isSecondary":false,"previousLeadId":null,
        "utcOffset":5.5,"priority":-1,"createdAt":"2024-01-01T00:00:00Z","customValues":{"10":["a","b"],"11":1e3,"12":true}},
        {"id":124,"customValues":[]}],"next":50,"total":12345}}
        """#

    // MARK: Agreement with Foundation

    @Test(arguments: RandomJSON.seeds)
    func agreesWithFoundationOnRandomDocuments(seed: UInt64) throws {
        var random = SeededGenerator(seed: seed)
        for document in 0..<50 {
            let value = RandomJSON.value(using: &random, forFoundation: true)
            let text = RandomJSON.noisyText(of: value, using: &random)
            let context = Comment(rawValue: "seed \(seed), document \(document): \(text)")
            let mine = try JSONParser.parse(text)
            #expect(RandomJSON.isIdentical(mine, value), context)
            let theirs = try JSONSerialization.jsonObject(with: Data(text.utf8), options: .fragmentsAllowed)
            #expect(Self.matches(mine, theirs), context)
            // And the writer's spelling of the same value reads the same to Foundation.
            var written: [UInt8] = []
            JSONWriter.append(value, to: &written)
            let theirsFromWriter = try JSONSerialization.jsonObject(with: Data(written), options: .fragmentsAllowed)
            #expect(Self.matches(value, theirsFromWriter), context)
        }
    }

    /// `JSONSerialization` on Linux accepts a trailing comma (`[1,2,]`), so that case is only in the table above.
    @Test(arguments: ["01", "[NaN]", "{'a':1}", #"{"a":1}x"#, "<html></html>", #"{"a":"#, "[1 2]", ".5"])
    func rejectsWhatFoundationRejects(text: String) {
        #expect(throws: (any Error).self) {
            try JSONSerialization.jsonObject(with: Data(text.utf8), options: .fragmentsAllowed)
        }
        #expect(throws: JSONParseError.self) { try JSONParser.parse(text) }
    }

    /// Structural comparison with what `JSONSerialization` made of the same text.
    static func matches(_ mine: JSONValue, _ theirs: Any) -> Bool {
        switch mine {
        case .null:
            return theirs is NSNull
        case .bool(let flag):
            return (theirs as? Bool) == flag
        case .number(let literal):
            // Foundation on Linux is not correctly rounded for large exponents (408757453.465873E+57 comes
            // out a few ulps off), so agree to within a relative 1e-14.
            guard let number = theirs as? NSNumber, let expected = Double(literal) else { return false }
            return abs(number.doubleValue - expected) <= abs(expected) * 1e-14
        case .string(let text):
            return (theirs as? String).map { Array($0.utf8) } == Array(text.utf8)
        case .array(let elements):
            guard let others = theirs as? [Any], others.count == elements.count else { return false }
            return zip(elements, others).allSatisfy { matches($0, $1) }
        case .object(let object):
            guard let others = theirs as? [String: Any], others.count == object.members.count else { return false }
            return object.members.allSatisfy { member in others[member.key].map { matches(member.value, $0) } ?? false }
        }
    }
}

extension JSONParserTests {
    @Test func maxValuesCountsEveryValueAndRefusesOneMore() throws {
        // [0,[1,2],{"a":3}]: 0, 1, 2, the inner array, 3, the object (the outer array is not counted).
        let text = #"[0,[1,2],{"a":3}]"#
        let bytes = Array(text.utf8)
        let parsed = try bytes.withUnsafeBytes { try JSONParser.parse($0, maxValues: 6) }
        #expect(parsed == (try JSONParser.parse(text)))
        let error = #expect(throws: JSONParseError.self) { try bytes.withUnsafeBytes { try JSONParser.parse($0, maxValues: 5) } }
        #expect(error?.exceedsValueLimit == true)
        let malformed = #expect(throws: JSONParseError.self) { try Array("[0,".utf8).withUnsafeBytes { try JSONParser.parse($0, maxValues: 6) } }
        #expect(malformed?.exceedsValueLimit == false)
    }
}

@Suite struct JSONValueAccessorTests {
    @Test(arguments: [
        (JSONValue.number("3"), Int64?.some(3)),
        (.number("3.0"), 3),
        (.number("1e2"), 100),
        (.number("1.5e1"), 15),
        (.number("100e-2"), 1),
        (.number("-0"), 0),
        (.number("0.000"), 0),
        (.number("0e99999999999999999999"), 0),
        (.number("123456789012345678"), 123_456_789_012_345_678),
        (.number("-123456789012345678"), -123_456_789_012_345_678),
        (.number("9223372036854775807"), .max),
        (.number("-9223372036854775808"), .min),
        (.number("9223372036854775808"), nil),
        (.number("12345678901234567890123"), nil),
        (.number("1e19"), nil),
        (.number("3.5"), nil),
        (.number("150e-2"), nil),
        (.number("1e-99999999999999999999"), nil),
        (.string("42"), 42),
        (.string(" 42 "), 42),
        (.string("\t-7\n"), -7),
        (.string("\u{A0}5\u{3000}"), 5),
        (.string("+7"), 7),
        (.string("007"), 7),
        (.string("5."), 5),
        (.string("3.0"), 3),
        (.string("1e3"), 1000),
        (.string(""), nil),
        (.string("  "), nil),
        (.string("abc"), nil),
        (.string("1,5"), nil),
        (.string("1 2"), nil),
        (.string("0x10"), nil),
        (.string("-"), nil),
        (.string("+"), nil),
        (.string("--5"), nil),
        (.string("."), nil),
        (.string("1e"), nil),
        (.bool(true), nil),
        (.null, nil),
        (.array([.number("1")]), nil),
    ])
    func int64Value(value: JSONValue, expected: Int64?) {
        #expect(value.int64Value == expected, "\(value)")
    }

    @Test(arguments: [
        (JSONValue.number("5.5"), Double?.some(5.5)),
        (.string("5.5"), 5.5),
        (.string(" -3 "), -3),
        (.number("3"), 3),
        (.number("-0"), 0),
        (.number("1e-7"), 1e-7),
        (.string(".5"), 0.5),
        (.string("1E+3"), 1000),
        (.number("12345678901234567890"), 12_345_678_901_234_567_168),  // the nearest Double
        (.number("1e400"), nil),
        (.string("nan"), nil),
        (.string("NaN"), nil),
        (.string("inf"), nil),
        (.string("infinity"), nil),
        (.string("0x1p3"), nil),
        (.string(""), nil),
        (.string("5,5"), nil),
        (.bool(false), nil),
        (.null, nil),
    ])
    func doubleValue(value: JSONValue, expected: Double?) {
        #expect(value.doubleValue == expected, "\(value)")
    }

    /// Short decimals take a path without `strtod` (digits over a power of ten); it must give the
    /// very `Double` that parsing the text does, for every length of integer and fraction.
    @Test func shortDecimalsReadAsTheParsedDouble() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<50_000 {
            let integerDigits = Int.random(in: 1...9, using: &generator)
            let fractionDigits = Int.random(in: 0...(15 - integerDigits), using: &generator)
            let integer = (0..<integerDigits).map { _ in String(Int.random(in: 0...9, using: &generator)) }.joined()
            let fraction = (0..<fractionDigits).map { _ in String(Int.random(in: 0...9, using: &generator)) }.joined()
            let sign = Bool.random(using: &generator) ? "-" : ""
            let literal = sign + integer + (fraction.isEmpty ? "" : "." + fraction)
            #expect(JSONValue.number(literal).doubleValue == Double(literal), "\(literal)")
            #expect(JSONValue.string(literal).doubleValue == Double(literal), "\(literal)")
        }
        for literal in ["0.1", "0.3", "2.675", "5.75", "-12.5", "999999999999999", "0.000000000000001", "1.7976931348623"] {
            #expect(JSONValue.number(literal).doubleValue == Double(literal), "\(literal)")
        }
    }

    @Test(arguments: [
        (JSONValue.bool(true), Bool?.some(true)),
        (.bool(false), false),
        (.number("1"), true),
        (.number("0"), false),
        (.number("1.0"), true),
        (.number("-0"), false),
        (.number("2"), nil),
        (.number("0.5"), nil),
        (.string("1"), true),
        (.string("0"), false),
        (.string("true"), true),
        (.string("false"), false),
        (.string("TRUE"), true),
        (.string(" False "), false),
        (.string("yes"), nil),
        (.string(""), nil),
        (.string("2"), nil),
        (.null, nil),
        (.array([]), nil),
    ])
    func boolValue(value: JSONValue, expected: Bool?) {
        #expect(value.boolValue == expected, "\(value)")
    }

    @Test func stringValueIsForStringsOnly() {
        #expect(JSONValue.string("x").stringValue == "x")
        #expect(JSONValue.string("").stringValue == "")
        #expect(JSONValue.number("1").stringValue == nil)
        #expect(JSONValue.bool(true).stringValue == nil)
        #expect(JSONValue.null.stringValue == nil)
    }

    @Test(arguments: [
        (JSONValue.null, true, true),
        (.string(""), false, true),
        (.string(" \t\n"), false, true),
        (.string("\u{A0}\u{3000}"), false, true),
        (.array([]), false, true),
        (.object(JSONObject()), false, true),
        (.string(" a "), false, false),
        (.string("0"), false, false),
        (.number("0"), false, false),
        (.bool(false), false, false),
        (.array([.null]), false, false),
        (.object(JSONObject([("a", .null)])), false, false),
    ])
    func nullAndEmpty(value: JSONValue, isNull: Bool, isEmpty: Bool) {
        #expect(value.isNull == isNull, "\(value)")
        #expect(value.isEmptyValue == isEmpty, "\(value)")
    }

    @Test func readsALeadAsTheNormalizerWill() throws {
        let lead = try JSONParser.parse(
            #"{"id":"123","utcOffset":"5.5","priority":" 2 ","isSecondary":"1","statusId":10.0,"customValues":[]}"#)
        let object = try #require(lead.objectValue)
        #expect(object["id"]?.int64Value == 123)
        #expect(object["utcOffset"]?.int64Value == nil)
        #expect(object["utcOffset"]?.doubleValue == 5.5)
        #expect(object["priority"]?.int64Value == 2)
        #expect(object["isSecondary"]?.boolValue == true)
        #expect(object["statusId"]?.int64Value == 10)
        #expect(object["customValues"]?.isEmptyValue == true)
    }
}
