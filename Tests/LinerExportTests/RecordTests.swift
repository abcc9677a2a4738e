import Foundation
import LinerJSON
import Testing

@testable import LinerExport

/// `Record` stores cells flat (kinds, numbers, one byte buffer): every kind must come back as it went
/// in, both as `Cell` values and as the borrowed views the CSV and NDJSON writers read.
struct RecordTests {
    static let cells: [Cell] = [
        .empty,
        .text(""),
        .text("Анна\tПопова"),
        .text(String(repeating: "«Бюджет, комнаты; район?» — ", count: 400)),
        .integer(.min), .integer(0), .integer(.max),
        .number("-0.5e3"),
        .boolean(true), .boolean(false),
        .dateTime(Timestamp(millisecondsSinceEpoch: -1), iso8601: "1970-01-01T02:59:59.999+03:00"),
        .date("2024-02-29"),
        .phone("+79001234567"),
        .list(["terrace", "вид"]),
        .json(.object(JSONObject([("widget", .string("quiz")), ("steps", .array([.number("1"), .null]))]))),
        .list([]),
        .text("last"),
    ]

    @Test func everyCellKindComesBackAsItWentIn() {
        let record = Record(cells: Self.cells, extras: [(key: "utm", value: .string("x"))])
        #expect(record.count == Self.cells.count)
        #expect(record.cells == Self.cells)
        for (index, cell) in Self.cells.enumerated() { #expect(record.cell(at: index) == cell) }
        #expect(record.extras.map(\.key) == ["utm"])
    }

    @Test func viewsLendEachCellsBytesAndValues() {
        let record = Record(cells: Self.cells, extras: [])
        record.withCellViews { views in
            #expect(views.count == Self.cells.count)
            for (index, cell) in Self.cells.enumerated() {
                switch (views[index], cell) {
                case (.empty, .empty): break
                case (.text(let bytes), .text(let text)), (.number(let bytes), .number(let text)),
                    (.date(let bytes), .date(let text)), (.phone(let bytes), .phone(let text)):
                    #expect(String(decoding: bytes, as: UTF8.self) == text, "cell \(index)")
                case (.integer(let value), .integer(let expected)): #expect(value == expected)
                case (.boolean(let flag), .boolean(let expected)): #expect(flag == expected)
                case (.dateTime(let stamp, let bytes), .dateTime(let expectedStamp, let iso8601)):
                    #expect(stamp == expectedStamp)
                    #expect(String(decoding: bytes, as: UTF8.self) == iso8601.string)
                case (.shaped(let shaped), .list), (.shaped(let shaped), .json):
                    #expect(views.shapedCell(shaped) == cell)
                default:
                    Issue.record("cell \(index): view \(views[index]) for \(cell)")
                }
            }
        }
    }
}
