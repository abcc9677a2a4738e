import Foundation
import LinerJSON
import LinerTestSupport
import Testing

@testable import LinerExport

/// The NDJSON writer's exact bytes: every cell kind, escapes, both shapes, a row past the row buffer's
/// first size, and random records against the same object written by `JSONWriter`.
struct NDJSONWriterTests {
    /// The file `records` make, as text.
    static func written(_ records: [Record], titles: [String], groupedColumns: [Bool] = []) throws -> String {
        return try withTemporaryFolder { folder in
            let path = folder + "/out.ndjson"
            let file = try AtomicOutputFile(finalPath: path)
            let writer = NDJSONWriter(file: file, titles: titles, groupedColumns: groupedColumns)
            for record in records { try writer.write(record) }
            try writer.finish()
            try file.publish()
            return try String(contentsOfFile: path, encoding: .utf8)
        }
    }

    @Test func writesEveryCellKindWithItsExactBytes() throws {
        let stamp = Timestamp(millisecondsSinceEpoch: 0)
        let cells: [(title: String, cell: Cell, json: String)] = [
            ("quotes", .text(#"say "hi" C:\path/x"#), #""say \"hi\" C:\\path/x""#),
            ("controls", .text("\u{0}\u{1F}\t\r\n\u{8}\u{C}\u{7F}end"), "\"\\u0000\\u001f\\t\\r\\n\\b\\f\u{7F}end\""),
            ("Имя \"q\"", .text("Привет, мир"), "\"Привет, мир\""),
            ("emoji", .text("👨‍👩‍👧 ok 😀🇷🇺"), "\"👨‍👩‍👧 ok 😀🇷🇺\""),
            ("separators", .text("long text a\u{2028}b\u{2029}c€"), #""long text a\u2028b\u2029c€""#),
            ("empty text", .text(""), #""""#),
            ("json", .json(.object(JSONObject([
                ("a", .array([.number("1.5"), .null, .bool(false), .string("x\"y\n")])), ("b", .object(JSONObject())),
            ]))), #"{"a":[1.5,null,false,"x\"y\n"],"b":{}}"#),
            ("json scalar", .json(.number("+1")), #""+1""#),
            ("null", .empty, "null"),
            ("list", .list(["a,b", "в\"г", ""]), #"["a,b","в\"г",""]"#),
            ("empty list", .list([]), "[]"),
            ("phone", .phone("+79001234567"), #""+79001234567""#),
            ("date", .date("2024-03-01"), #""2024-03-01""#),
            ("int", .integer(-42), "-42"),
            ("zero", .integer(0), "0"),
            ("min", .integer(.min), "-9223372036854775808"),
            ("max", .integer(.max), "9223372036854775807"),
            ("number", .number("1e3"), "1e3"),
            ("true", .boolean(true), "true"),
            ("false", .boolean(false), "false"),
            ("at", .dateTime(stamp, iso8601: "2024-01-01T03:00:00.250+03:00"), #""2024-01-01T03:00:00.250+03:00""#),
        ]
        let extras: [(key: String, value: JSONValue)] = [
            ("custom.99", .object(JSONObject([("k", .string("v\u{1}"))]))), ("new\tfield", .null), ("n", .number("12345678901234567890")),
        ]
        let text = try Self.written([Record(cells: cells.map(\.cell), extras: extras)], titles: cells.map(\.title))
        let members = cells.map { #""\#($0.title.replacingOccurrences(of: "\"", with: #"\""#))":\#($0.json)"# }
        let expected = "{" + members.joined(separator: ",") + #","custom.99":{"k":"v\u0001"},"new\tfield":null,"n":12345678901234567890}"# + "\n"
        #expect(text == expected)
    }

    @Test func nestedShapeGroupsCustomColumnsWhereTheFirstOfThemIs() throws {
        let record = Record(cells: [.integer(1), .text("x"), .text("n"), .empty], extras: [(key: "e", value: .bool(true))])
        let nested = try Self.written([record], titles: ["id", "c1", "name", "c2"], groupedColumns: [false, true, false, true])
        #expect(nested == #"{"id":1,"customFields":{"c1":"x","c2":null},"name":"n","e":true}"# + "\n")
        let groupFirst = try Self.written([record], titles: ["c0", "a", "c1", "b"], groupedColumns: [true, false, true, false])
        #expect(groupFirst == #"{"customFields":{"c0":1,"c1":"n"},"a":"x","b":null,"e":true}"# + "\n")
        let flat = try Self.written([record], titles: ["id", "c1", "name", "c2"], groupedColumns: [false, false, false, false])
        #expect(flat == #"{"id":1,"c1":"x","name":"n","c2":null,"e":true}"# + "\n")
    }

    @Test func rowsWithoutCellsOrLongerThanTheRowBufferAreWhole() throws {
        let long = String(repeating: "ж\u{1}\u{2028}\"\n€", count: 5_000)
        let records = [
            Record(cells: [.text(long)], extras: []),
            Record(cells: [.integer(7)], extras: []),
            Record(cells: [], extras: [(key: "only", value: .array([]))]),
            Record(cells: [], extras: []),
        ]
        let text = try Self.written(records, titles: ["t"])
        let escapedLong = String(repeating: #"ж\u0001\u2028\"\n€"#, count: 5_000)
        #expect(text == #"{"t":"\#(escapedLong)"}"# + "\n" + #"{"t":7}"# + "\n" + #"{"only":[]}"# + "\n{}\n")
    }

    /// A record of random cells, written flat, equals the object `JSONWriter` writes for the same values
    /// (numbers no double can hold as strings).
    @Test(arguments: RandomJSON.seeds)
    func randomRecordsMatchTheJSONWriter(seed: UInt64) throws {
        var random = SeededGenerator(seed: seed)
        var records: [Record] = []
        var expected = ""
        for _ in 0..<100 {
            var cells: [Cell] = []
            var members: [(key: String, value: JSONValue)] = []
            for column in 0..<8 {
                let (cell, value) = Self.randomCell(using: &random)
                cells.append(cell)
                members.append(("c\(column)", value))
            }
            let extras = [(key: RandomJSON.string(using: &random, forFoundation: false), value: RandomJSON.value(using: &random, forFoundation: false))]
            records.append(Record(cells: cells, extras: extras))
            var line: [UInt8] = []
            // Strict JSON: a number no double can hold is written as a string.
            JSONWriter.append(.object(JSONObject((members + extras).map { ($0.key, $0.value.withFiniteNumbers().value) })), to: &line)
            expected += String(decoding: line, as: UTF8.self) + "\n"
        }
        let text = try Self.written(records, titles: (0..<8).map { "c\($0)" })
        #expect(text == expected, "seed \(seed)")
    }

    /// A random cell and the JSON value it stands for.
    static func randomCell(using random: inout SeededGenerator) -> (Cell, JSONValue) {
        let text = RandomJSON.string(using: &random, forFoundation: false)
        switch Int.random(in: 0..<9, using: &random) {
        case 0: return (.empty, .null)
        case 1: return (.text(text), .string(text))
        case 2: return (.phone(text), .string(text))
        case 3: return (.date(text), .string(text))
        case 4:
            let value = Int64.random(in: .min ... .max, using: &random) >> Int64.random(in: 0...63, using: &random)
            return (.integer(value), .number(String(value)))
        case 5: return (.boolean(text.count % 2 == 0), .bool(text.count % 2 == 0))
        case 6:
            let items = (0..<Int.random(in: 0...3, using: &random)).map { _ in RandomJSON.string(using: &random, forFoundation: false) }
            return (.list(items), .array(items.map(JSONValue.string)))
        case 7:
            let iso8601 = "2024-01-0\(Int.random(in: 1...9, using: &random))T00:00:00Z"
            return (.dateTime(Timestamp(millisecondsSinceEpoch: 0), iso8601: ISO8601Text(stringLiteral: iso8601)), .string(iso8601))
        default:
            let value = RandomJSON.value(using: &random, forFoundation: false)
            return (.json(value), value)
        }
    }
}
