import Foundation
import LinerJSON
import Testing
@testable import LinerExport

/// The XLSX writer read back with openpyxl: every cell's value and type, the sheet's furniture
/// (bold frozen header, autofilter, widths), Excel's limits and the `Export` sheet.
struct XLSXWriterTests {
    typealias Expected = SpreadsheetReader.Cell

    static let hugeComment = String(repeating: "Длинный комментарий 📞 ", count: 5_000)  // ~115 KB, 115,000 UTF-16 units
    static let stamp = Timestamp(millisecondsSinceEpoch: 0)

    /// A cell, and what openpyxl must read: strings stay strings, numbers Excel keeps exactly are numbers.
    static let table: [(key: String, cell: Cell, expected: Expected)] = [
        ("id", .integer(42), .init(type: "n", value: "42.0")),
        ("Имя 👤", .text("Ёжик 👨‍👩‍👧 «ёлка»"), .init(type: "s", value: "Ёжик 👨‍👩‍👧 «ёлка»")),
        ("formula", .text("=1+1"), .init(type: "s", value: "=1+1")),
        ("hyperlink", .text("https://example.com/?q=1"), .init(type: "s", value: "https://example.com/?q=1")),
        ("phone", .phone("+79001234567"), .init(type: "s", value: "+79001234567")),
        ("vkId", .text("79001234567"), .init(type: "s", value: "79001234567")),
        ("leadingZero", .text("007"), .init(type: "s", value: "007")),
        ("numericText", .text("12.50"), .init(type: "s", value: "12.50")),
        ("utcOffset", .number("5.5"), .init(type: "n", value: "5.5")),
        ("negative", .number("-3"), .init(type: "n", value: "-3.0")),
        ("numberLeadingZero", .number("007"), .init(type: "s", value: "007")),
        ("numberPlus", .number("+7"), .init(type: "s", value: "+7")),
        ("tooPrecise", .number("12345678901234567890"), .init(type: "s", value: "12345678901234567890")),
        ("bigInteger", .integer(9_007_199_254_740_993), .init(type: "s", value: "9007199254740993")),
        ("isSecondary", .boolean(true), .init(type: "b", value: "true")),
        ("isPrimary", .boolean(false), .init(type: "b", value: "false")),
        ("createdAt", .dateTime(stamp, iso8601: "2024-01-01T10:00:00.250+03:00"), .init(type: "d", value: "2024-01-01T10:00:00.250")),
        ("updatedAt", .dateTime(stamp, iso8601: "2024-02-29T23:59:59Z"), .init(type: "d", value: "2024-02-29T23:59:59.000")),
        ("birthday", .date("2024-03-01"), .init(type: "d", value: "2024-03-01T00:00:00.000")),
        ("ancient", .dateTime(stamp, iso8601: "1899-01-01T00:00:00Z"), .init(type: "s", value: "1899-01-01T00:00:00Z")),
        ("tags", .list(["парковка", "вид"]), .init(type: "s", value: "парковка; вид")),
        ("json", .json(.object(JSONObject([(key: "a", value: .array([.number("1"), .null]))]))), .init(type: "s", value: #"{"a":[1,null]}"#)),
        ("empty", .empty, .init(type: "blank", value: "")),
        // XML 1.0 cannot hold these; Excel would read libxlsxwriter's `_x0001_` escape, but openpyxl and pandas do not.
        ("control", .text("a\u{1}b\u{B}c"), .init(type: "s", value: "a\u{FFFD}b\u{FFFD}c")),
        ("lineBreaks", .text("a\r\nb\rc\nd\te"), .init(type: "s", value: "a\nb\nc\nd\te")),
        ("spaces", .text("  padded  "), .init(type: "s", value: "  padded  ")),
        ("sourceComment", .text(hugeComment), .init(
            type: "s", value: truncated(hugeComment))),
    ]

    /// What a cell cut at Excel's limit holds: as many whole characters as fit, then the marker.
    static func truncated(_ text: String) -> String {
        let budget = 32_767 - SpreadsheetValue.truncationMarker.utf16.count
        var units = 0
        var kept = ""
        for character in text {
            guard units + character.utf16.count <= budget else { break }
            units += character.utf16.count
            kept.append(character)
        }
        return kept + SpreadsheetValue.truncationMarker
    }

    /// What a cell holds for a text: characters XML 1.0 forbids as U+FFFD, line breaks as LF.
    static func cellText(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let isForbidden = (scalar.value < 0x20 && ![0x09, 0x0A, 0x0D].contains(scalar.value)) || [0xFFFE, 0xFFFF].contains(scalar.value)
            scalars.append(isForbidden ? "\u{FFFD}" : scalar)
        }
        return String(scalars).replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    }

    static func columns(_ keys: [String]) -> [Column] {
        keys.map { Column(key: $0, title: $0, source: .field(LeadField.named("name")!)) }
    }

    static func metadata() throws -> ExportMetadata {
        let window = WindowSpec(
            from: WindowBound("2024-01-01")!, to: WindowBound("2024-01-02")!, timeZone: TimeZone(identifier: "Europe/Moscow")!)
        return ExportMetadata(
            pipelineName: "sheet-test", window: try ResolvedWindow(window, now: Date()), filters: FilterSpec(orderIds: [201, 202]))
    }

    @Test func everyCellReadsBackWithItsValueAndType() throws {
        try withTemporaryFolder { folder in
            let path = folder + "/types.xlsx"
            let file = try AtomicOutputFile(finalPath: path)
            let writer = try XLSXWriter(
                file: file, columns: Self.columns(Self.table.map(\.key)), listSeparator: "; ", columnWidths: ["json": 33],
                metadata: try Self.metadata())
            try writer.write(Record(cells: Self.table.map(\.cell), extras: []))
            try writer.write(Record(cells: Self.table.map { _ in .empty }, extras: []))
            try writer.write(Record(cells: [.integer(7)] + Self.table.dropFirst().map { _ in .empty }, extras: []))
            try writer.finish()
            try file.publish()
            #expect(file.bytesWritten > 0)

            let sheets = try SpreadsheetReader.xlsxSheets(path)
            #expect(sheets.map(\.name) == ["Leads", "Export"])
            let leads = try #require(sheets.first)
            try #require(leads.rows.count == 4)
            #expect(leads.rows[0].map(\.value) == Self.table.map(\.key), "header row holds the titles")
            #expect(leads.rows[0].allSatisfy { $0.type == "s" })
            for (index, entry) in Self.table.enumerated() {
                #expect(leads.rows[1][index] == entry.expected, "column \(entry.key)")
            }
            #expect(leads.rows[2].allSatisfy { $0.type == "blank" }, "an all-empty record is an empty row")
            #expect(leads.rows[3].first == .init(type: "n", value: "7.0"))
            #expect(leads.isHeaderBold)
            #expect(leads.frozen == "A2")
            #expect(leads.filter == "A1:AA4")
            #expect(leads.widths["W"] == nil || leads.widths["W"]! < 30, "an empty column stays narrow")
            #expect(leads.widths["V"].map { abs($0 - 33) < 1 } == true, "a width from the pipeline wins: \(leads.widths)")
            #expect(leads.widths["AA"].map { $0 <= 63 } == true, "a 100 KB comment does not make a huge column")
            #expect(writer.warnings.counts == [
                .init(kind: .cellTruncated, field: "xlsx: sourceComment"): 1, .init(kind: .forbiddenXLSXCharacter, field: "xlsx: control"): 1,
            ])

            let export = try #require(sheets.last)
            let facts = Dictionary(uniqueKeysWithValues: export.rows.map { ($0[0].value, $0[1]) })
            #expect(facts["rows"] == .init(type: "n", value: "3.0"))
            #expect(facts["window from"]?.value == "2024-01-01T00:00:00+03:00")
            #expect(facts["window to (exclusive)"]?.value == "2024-01-02T00:00:00+03:00")
            #expect(facts["order filter"]?.value == "201, 202")
            #expect(facts["status filter"]?.value == "all")
            #expect(facts["dates time zone"]?.value == "Europe/Moscow")
            #expect(facts["tool version"]?.value == ToolVersion.text)
            #expect(facts["generated at"]?.type == "s")
        }
    }

    @Test func rowsPastTheSheetLimitContinueOnNewSheets() throws {
        try withTemporaryFolder { folder in
            let path = folder + "/rollover.xlsx"
            let file = try AtomicOutputFile(finalPath: path)
            let writer = try XLSXWriter(
                file: file, columns: Self.columns(["id", "name"]), listSeparator: ", ", columnWidths: [:],
                metadata: try Self.metadata(), rowLimit: 5)
            for id in 1...13 { try writer.write(Record(cells: [.integer(Int64(id)), .text("лид \(id)")], extras: [])) }
            try writer.finish()
            try file.publish()

            let sheets = try SpreadsheetReader.xlsxSheets(path)
            #expect(sheets.map(\.name) == ["Leads", "Leads (2)", "Leads (3)", "Leads (4)", "Export"])
            let leadSheets = sheets.dropLast()
            #expect(leadSheets.map(\.rows.count) == [5, 5, 5, 2], "each sheet holds the header and at most 4 rows")
            for sheet in leadSheets {
                #expect(sheet.rows[0].map(\.value) == ["id", "name"], "\(sheet.name) starts with the header")
                #expect(sheet.frozen == "A2")
                #expect(sheet.isHeaderBold)
                #expect(sheet.filter == "A1:B\(sheet.rows.count)")
            }
            let ids = leadSheets.flatMap { $0.rows.dropFirst().map(\.[0].value) }
            #expect(ids == (1...13).map { "\(Double($0))" }, "every row once, in order")
            let names = leadSheets.flatMap { $0.rows.dropFirst().map(\.[1].value) }
            #expect(names == (1...13).map { "лид \($0)" })
            let facts = Dictionary(uniqueKeysWithValues: try #require(sheets.last).rows.map { ($0[0].value, $0[1].value) })
            #expect(facts["rows"] == "13.0")
            #expect(facts["sheets"] == "4.0")
        }
    }

    @Test func noExportSheetWithoutMetadataAndAnEmptyExportIsAHeader() throws {
        try withTemporaryFolder { folder in
            let path = folder + "/empty.xlsx"
            let file = try AtomicOutputFile(finalPath: path)
            let writer = try XLSXWriter(file: file, columns: Self.columns(["id", "Телефон"]))
            try writer.finish()
            try file.publish()
            let sheets = try SpreadsheetReader.xlsxSheets(path)
            #expect(sheets.map(\.name) == ["Leads"])
            #expect(sheets[0].rows.map { $0.map(\.value) } == [["id", "Телефон"]])
        }
    }
}
