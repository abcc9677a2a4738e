import Foundation
import LinerJSON
import LinerTestSupport
import Testing

@testable import LinerExport

/// The tracked-lead store keeps each lead as a `RecordCodec` line: every cell kind must come back as it
/// went in, and the fingerprint must tell apart any two records whose cells differ.
struct RecordCodecTests {
    static let cells: [Cell] = [
        .empty,
        .text(""),
        .text("Анна Попова"),
        .text("quote \" backslash \\ newline \n tab \t nul \u{0} unit \u{1F} del \u{7F} separators \u{2028}\u{2029} 😀"),
        .text("{\"n\":\"1\"}"),
        .text(String(repeating: "«Бюджет, комнаты; район?» — ", count: 400)),
        .integer(.min), .integer(-1), .integer(0), .integer(.max),
        .number("-0.5e3"), .number("1e3"), .number("12345678901234567890123456789"),
        .boolean(true), .boolean(false),
        .dateTime(Timestamp(millisecondsSinceEpoch: -1), iso8601: "1970-01-01T02:59:59.999+03:00"),
        .dateTime(Timestamp(millisecondsSinceEpoch: 1_700_000_000_000), iso8601: "+123456789-01-01T00:00:00.000+02:30:17"),
        .date("2024-02-29"),
        .phone("+79001234567"),
        .list([]),
        .list(["terrace", "вид \"на\" море", ""]),
        .json(.object(JSONObject([("widget", .string("quiz")), ("steps", .array([.number("1"), .null, .number("-2.5E+10")]))]))),
        .json(.array([.array([.object(JSONObject([("a", .object(JSONObject([("a", .bool(false))]))), ("a", .null)]))])])),
        .json(.string("j")),
        .text("last"),
    ]

    @Test func everyCellKindRoundTrips() throws {
        let record = Record(cells: Self.cells, extras: [(key: "utm", value: .string("x"))])
        var line: [UInt8] = Array("prefix".utf8)
        RecordCodec.encode(record, createdAt: -1_234_567_890_123, into: &line)
        #expect(line.starts(with: Array("prefix[-1234567890123,null,\"\",".utf8)))
        #expect(!line.contains(UInt8(ascii: "\n")), "one line")
        let decoded = try RecordCodec.decode(Array(line.dropFirst("prefix".count)))
        #expect(decoded.createdAt == -1_234_567_890_123)
        #expect(decoded.cells == Self.cells)
        #expect(encoded(decoded.cells, createdAt: decoded.createdAt) == Array(line.dropFirst("prefix".count)), "byte for byte")
    }

    @Test func aRecordWithoutCellsRoundTrips() throws {
        let line = encoded([], createdAt: Int64.max)
        #expect(String(decoding: line, as: UTF8.self) == "[9223372036854775807]")
        let decoded = try RecordCodec.decode(line)
        #expect(decoded.createdAt == .max)
        #expect(decoded.cells.isEmpty)
    }

    @Test(arguments: RandomJSON.seeds)
    func randomTextsAndJSONValuesRoundTrip(seed: UInt64) throws {
        var random = SeededGenerator(seed: seed)
        for _ in 0..<200 {
            let cells: [Cell] = [
                .text(RandomJSON.string(using: &random, forFoundation: false)),
                .json(RandomJSON.value(using: &random, forFoundation: false)),
                .list((0..<Int.random(in: 0...3, using: &random)).map { _ in RandomJSON.string(using: &random, forFoundation: false) }),
                .number(RandomJSON.numberLiteral(using: &random, forFoundation: false)),
            ]
            let line = encoded(cells, createdAt: Int64.random(in: .min ... .max, using: &random))
            let decoded = try RecordCodec.decode(line)
            #expect(encoded(decoded.cells, createdAt: decoded.createdAt) == line, "seed \(seed)")
            guard case .json(let value) = decoded.cells[1], case .json(let expected) = cells[1] else {
                Issue.record("seed \(seed): cell 1 is not JSON")
                continue
            }
            #expect(RandomJSON.isIdentical(value, expected), "seed \(seed)")
        }
    }

    static let garbage: [String] = [
        "", "null", "{}", "[]", "[\"1\"]", "[1.5]", "[1e3]", "[99999999999999999999]", "[1,", "[1]x", "[1,[1]]",
        "[1,99999999999999999999]", "[1,1.5]", "[1,{}]", "[1,{\"x\":1}]", "[1,{\"n\":1}]", "[1,{\"n\":\"1\",\"D\":\"2\"}]",
        "[1,{\"l\":[1]}]", "[1,{\"l\":\"a\"}]", "[1,{\"D\":null}]", "[1,{\"p\":2}]", "[1,{\"d\":1}]", "[1,{\"d\":1,\"x\":\"a\"}]",
        "[1,{\"d\":\"1\",\"s\":\"a\"}]", "[1,{\"d\":1.5,\"s\":\"a\"}]", "[1,{\"s\":\"a\",\"d\":1}]",
        "[1,{\"d\":1,\"s\":\"\(String(repeating: "9", count: 40))\"}]", "\u{FF}",
    ]

    @Test(arguments: garbage)
    func decodeRejectsWhatEncodeNeverWrites(line: String) {
        #expect(throws: ExportError.state("")) { try RecordCodec.decode(Array(line.utf8)) }
    }

    @Test func equalCellsHaveEqualFingerprints() {
        let first = Record(cells: Self.cells, extras: [])
        let second = Record(cells: Self.cells, extras: [(key: "utm", value: .string("other"))])
        #expect(RecordCodec.fingerprint(of: first) == RecordCodec.fingerprint(of: second))
        #expect(RecordCodec.fingerprint(of: Record(cells: [], extras: [])) == RecordCodec.fingerprint(of: Record(cells: [], extras: [])))
    }

    /// Changing any one cell, to another value of its kind or to an empty cell, changes the fingerprint.
    @Test func anyOneCellChangeChangesTheFingerprint() {
        let original = RecordCodec.fingerprint(of: Record(cells: Self.cells, extras: []))
        var seen: Set<UInt64> = [original]
        for column in Self.cells.indices {
            for replacement in [Self.changed(Self.cells[column]), Self.cells[column] == .empty ? .text("") : .empty] {
                var cells = Self.cells
                cells[column] = replacement
                let fingerprint = RecordCodec.fingerprint(of: Record(cells: cells, extras: []))
                #expect(fingerprint != original, "column \(column): \(replacement)")
                seen.insert(fingerprint)
            }
        }
        #expect(seen.count > Self.cells.count, "changes give fingerprints of their own")
    }

    /// The same text in cells of another kind is another record.
    @Test func aKindChangeChangesTheFingerprint() {
        let variants: [[Cell]] = [
            [.text("1")], [.integer(1)], [.number("1")], [.date("1")], [.phone("1")], [.list(["1"])], [.json(.number("1"))],
            [.json(.string("1"))], [.text("true")], [.boolean(true)], [.empty], [.text("")], [.list([])], [.json(.null)],
            [.text("a"), .empty], [.empty, .text("a")], [.text("a,b")], [.text("a"), .text("b")],
            [.dateTime(Timestamp(millisecondsSinceEpoch: 0), iso8601: "1970-01-01T00:00:00Z")],
            [.dateTime(Timestamp(millisecondsSinceEpoch: 0), iso8601: "1970-01-01T03:00:00+03:00")],
            [.dateTime(Timestamp(millisecondsSinceEpoch: 1), iso8601: "1970-01-01T00:00:00Z")],
        ]
        let fingerprints = variants.map { RecordCodec.fingerprint(of: Record(cells: $0, extras: [])) }
        #expect(Set(fingerprints).count == variants.count)
    }

    /// The fingerprint is the first 8 bytes, big-endian, of the SHA-256 of the cells as `encode` writes them.
    @Test func theFingerprintIsTheSHA256OfTheEncodedCells() throws {
        let record = Record(cells: [.text("a"), .integer(2)], extras: [])
        var hasher = SHA256()
        hasher.update(Array(",\"a\",2".utf8))
        let digest = hasher.finalizeBytes()
        #expect(digest.count == 32)
        #expect(RecordCodec.fingerprint(of: record) == digest.prefix(8).reduce(0) { $0 << 8 | UInt64($1) })
    }

    /// Another value of `cell`'s kind.
    private static func changed(_ cell: Cell) -> Cell {
        switch cell {
        case .empty: return .text(" ")
        case .text(let text): return .text(text + "x")
        case .integer(let value): return .integer(value == .max ? 0 : value + 1)
        case .number(let literal): return .number(literal + "0")
        case .boolean(let flag): return .boolean(!flag)
        case .dateTime(let timestamp, let iso8601):
            return .dateTime(Timestamp(millisecondsSinceEpoch: timestamp.millisecondsSinceEpoch + 1), iso8601: iso8601)
        case .date(let text): return .date(text + "x")
        case .phone(let text): return .phone(text + "1")
        case .list(let items): return .list(items + [""])
        case .json(let value): return .json(.array([value]))
        }
    }

    private func encoded(_ cells: [Cell], createdAt: Int64) -> [UInt8] {
        var line: [UInt8] = []
        RecordCodec.encode(Record(cells: cells, extras: []), createdAt: createdAt, into: &line)
        return line
    }
}
