import Foundation
import LinerJSON
import Testing
@testable import LinerExport

/// The XML writers read back with libxml2 (`xmllint`, against `schemas/leads.xsd`) and Python's
/// ElementTree: values, forbidden characters, SpreadsheetML types and the sheet rollover.
struct XMLWriterTests {
    /// Every character XML 1.0 forbids that a Swift string can hold, and the ones it allows around them.
    static let forbidden = (0..<0x20).filter { ![0x09, 0x0A, 0x0D].contains($0) }.map { String(UnicodeScalar(UInt8($0))) }
        + ["\u{FFFE}", "\u{FFFF}"]
    static let allForbidden = "x" + forbidden.joined() + "\t\n\r y"
    static let allForbiddenCleaned = "x" + String(repeating: "\u{FFFD}", count: forbidden.count) + "\t\n\r y"

    static func columns() -> [Column] {
        [
            Column(key: "id", title: "id", source: .field(LeadField.named("id")!)),
            Column(key: "name", title: "Имя", source: .field(LeadField.named("name")!)),
            Column(key: "phone", title: "phone", source: .field(LeadField.named("phone")!)),
            Column(key: "sourceComment", title: "sourceComment", source: .field(LeadField.named("sourceComment")!)),
            Column(key: "isSecondary", title: "isSecondary", source: .field(LeadField.named("isSecondary")!)),
            Column(key: "utcOffset", title: "utcOffset", source: .field(LeadField.named("utcOffset")!)),
            Column(key: "createdAt", title: "createdAt", source: .field(LeadField.named("createdAt")!)),
            Column(key: "custom.10", title: "Бюджет", source: .custom(CustomFieldID(10))),
            Column(key: "custom.11", title: "custom.11", source: .custom(CustomFieldID(11))),
            Column(key: "custom.12", title: "Дата сделки", source: .custom(CustomFieldID(12))),
        ]
    }

    static let comment = String(repeating: "Комментарий 👍 ", count: 8_000)  // ~200 KB: XML keeps it whole

    static func records() -> [Record] {
        let stamp = Timestamp(millisecondsSinceEpoch: 1_704_103_200_000)
        return [
            Record(cells: [
                .integer(1), .text("=HYPERLINK(\"x\") <b>&amp;</b> ]]>"), .phone("+79001234567"), .text(comment), .boolean(true),
                .number("5.5"), .dateTime(stamp, iso8601: "2024-01-01T13:00:00+03:00"), .number("1500000.50"),
                .list(["парковка", "вид <на> море"]), .date("2024-03-01"),
            ], extras: [(key: "newField", value: .object(JSONObject([(key: "a", value: .string("б"))])))]),
            Record(cells: [
                .integer(2), .text(allForbidden), .empty, .text(""), .boolean(false), .text("n/a"), .empty, .empty, .empty, .empty,
            ], extras: []),
        ]
    }

    /// Writes `records` to the file `name` in `folder` with the writer `make` makes; returns the file's path and the writer.
    static func write(
        _ make: (AtomicOutputFile) throws -> RecordWriter, records: [Record], name: String, in folder: String
    ) throws -> (String, RecordWriter) {
        let path = folder + "/" + name
        let file = try AtomicOutputFile(finalPath: path)
        let writer = try make(file)
        for record in records { try writer.write(record) }
        try writer.finish()
        try file.publish()
        return (path, writer)
    }

    @Test func recordsValidateAgainstTheSchemaAndReadBack() throws {
        let metadata = try XLSXWriterTests.metadata()
        try withTemporaryFolder { folder in
            let (path, writer) = try Self.write(
                { try XMLRecordsWriter(file: $0, columns: Self.columns(), metadata: metadata) }, records: Self.records(), name: "leads.xml", in: folder)
            #expect(try SpreadsheetReader.xmllintProblem(path, schema: SpreadsheetReader.schemaPath) == nil)

            let document = try #require(try SpreadsheetReader.xml(path) as? [String: Any])
            let attributes = document["attributes"] as? [String: String] ?? [:]
            #expect(attributes["from"] == "2024-01-01T00:00:00+03:00")
            #expect(attributes["to"] == "2024-01-02T00:00:00+03:00")
            #expect(attributes["orderIds"] == "201 202")
            #expect(attributes["statusIds"] == "")
            #expect(attributes["timeZone"] == "Europe/Moscow")
            #expect(attributes["tool"] == ToolVersion.text)
            let columns = document["columns"] as? [[String: String]] ?? []
            #expect(columns.map { $0["title"] ?? "" } == Self.columns().map(\.title))

            let leads = document["leads"] as? [[[String: Any]]] ?? []
            try #require(leads.count == 2)
            let first = leads[0]
            #expect(first.map { $0["tag"] as? String } == [
                "id", "name", "phone", "sourceComment", "isSecondary", "utcOffset", "createdAt", "custom", "custom", "custom", "extra",
            ])
            let texts = first.map { $0["text"] as? String ?? "" }
            #expect(texts[0] == "1")
            #expect(texts[1] == "=HYPERLINK(\"x\") <b>&amp;</b> ]]>")
            #expect(texts[2] == "+79001234567")
            #expect(texts[3] == Self.comment, "XML keeps the whole comment")
            #expect(texts[4] == "true")
            #expect(texts[5] == "5.5")
            #expect(texts[6] == "2024-01-01T13:00:00+03:00")
            #expect(texts[7] == "1500000.50")
            #expect(first[7]["attributes"] as? [String: String] == ["id": "10", "title": "Бюджет"])
            #expect(first[8]["attributes"] as? [String: String] == ["id": "11"], "no title when none is known")
            #expect(first[8]["items"] as? [String] == ["парковка", "вид <на> море"])
            #expect(first[9]["attributes"] as? [String: String] == ["id": "12", "title": "Дата сделки"])
            #expect(texts[9] == "2024-03-01")
            #expect(first[10]["attributes"] as? [String: String] == ["key": "newField"])
            #expect(texts[10] == #"{"a":"б"}"#)

            let second = leads[1]
            #expect(second.map { $0["tag"] as? String } == ["id", "name", "sourceComment", "isSecondary", "utcOffset"], "empty cells are left out")
            #expect(second[1]["text"] as? String == Self.allForbiddenCleaned)
            #expect(second[2]["text"] as? String == "", "empty text stays an empty element")
            #expect(second[4]["text"] as? String == "n/a", "a bad value is kept")
            #expect(writer.warnings.counts == [.init(kind: .forbiddenXMLCharacter, field: "xml: name"): 1])
        }
    }

    @Test(arguments: XMLFlavor.allCases)
    func everyForbiddenCharacterLeavesTheFileWellFormed(_ flavor: XMLFlavor) throws {
        let text = Self.allForbidden
        let columns = [Column(key: "name", title: "name" + Self.forbidden.joined(), source: .field(LeadField.named("name")!))]
        let records = [Record(cells: [.text(text)], extras: [(key: "extra\u{1}", value: .string("\u{2}"))]),
                       Record(cells: [.list(Self.forbidden)], extras: []), Record(cells: [.json(.string("\u{FFFF}"))], extras: [])]
        try withTemporaryFolder { folder in
            let (path, writer) = try Self.write({ file in
                switch flavor {
                case .records: return try XMLRecordsWriter(file: file, columns: columns)
                case .spreadsheet: return try SpreadsheetMLWriter(file: file, columns: columns)
                }
            }, records: records, name: "forbidden.xml", in: folder)
            #expect(try SpreadsheetReader.xmllintProblem(path) == nil)
            if flavor == .records {
                #expect(try SpreadsheetReader.xmllintProblem(path, schema: SpreadsheetReader.schemaPath) == nil)
            }
            let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            #expect(!bytes.contains(0x01), "no raw control byte")
            #expect(String(decoding: bytes, as: UTF8.self).range(of: "&#1;") == nil, "no character reference to a forbidden character")
            #expect(writer.warnings.total >= 3)
        }
    }

    /// A lone surrogate cannot reach a writer: the JSON parser turns `\\uD800` into U+FFFD, which XML allows.
    @Test func loneSurrogatesFromTheAPIArriveAsReplacementCharacters() throws {
        let name = try #require(try JSONParser.parse(#""a\ud800b\udfffc\u0001""#).stringValue)
        #expect(name == "a\u{FFFD}b\u{FFFD}c\u{1}")
        let columns = [Column(key: "name", title: "name", source: .field(LeadField.named("name")!))]
        try withTemporaryFolder { folder in
            let (path, writer) = try Self.write(
                { try XMLRecordsWriter(file: $0, columns: columns) }, records: [Record(cells: [.text(name)], extras: [])], name: "s.xml", in: folder)
            #expect(try SpreadsheetReader.xmllintProblem(path, schema: SpreadsheetReader.schemaPath) == nil)
            let document = try #require(try SpreadsheetReader.xml(path) as? [String: Any])
            let leads = document["leads"] as? [[[String: Any]]] ?? []
            #expect(leads.first?.first?["text"] as? String == "a\u{FFFD}b\u{FFFD}c\u{FFFD}")
            #expect(writer.warnings.total == 1, "the control character is counted by the writer")
        }
    }

    /// The XML spreadsheet's `ss:Width`s are the XLSX's widths for the same records: measured over the
    /// first 100 rows (a longer value later changes nothing), capped, or the pipeline's.
    @Test func spreadsheetColumnsGetTheWidthsOfTheXLSX() throws {
        let columns = Self.columns()
        let filler = Record(cells: [.integer(3), .text("Ann")] + Array(repeating: Cell.empty, count: columns.count - 2), extras: [])
        var late = Self.records()[0]
        late = Record(cells: [.integer(4), .text("Bob"), .phone(String(repeating: "9", count: 50))] + late.cells.dropFirst(3), extras: [])
        let records = Self.records() + Array(repeating: filler, count: 120) + [late]
        let fixed: [String: Double] = ["name": 40, "Дата сделки": 30]
        try withTemporaryFolder { folder in
            let (xmlPath, _) = try Self.write(
                { try SpreadsheetMLWriter(file: $0, columns: columns, columnWidths: fixed, metadata: try XLSXWriterTests.metadata()) },
                records: records, name: "widths.xml", in: folder)
            let (xlsxPath, _) = try Self.write(
                { try XLSXWriter(file: $0, columns: columns, columnWidths: fixed) }, records: records, name: "widths.xlsx", in: folder)
            #expect(try SpreadsheetReader.xmllintProblem(xmlPath) == nil)
            let widths = try SpreadsheetReader.xmlColumnWidths(xmlPath)
            let leads = try #require(widths["Leads"])
            try #require(leads.count == columns.count)
            func points(_ characters: Double) -> Double { (characters * 7 + 5) * 0.75 }
            #expect(leads[1] == points(40), "the pipeline's width, by key")
            #expect(leads[9] == points(30), "the pipeline's width, by title")
            #expect(leads[3] == points(62), "a 200 KB comment is capped")
            #expect(leads[2] == points(14), "+79001234567 measured; the 50 digits after row 100 are not")
            #expect(leads[4] == points(14), "isSecondary: its title, wider than TRUE")
            #expect(widths["Export"] == [points(24), points(32)])

            // Each column as wide as the XLSX's (openpyxl reads the width libxlsxwriter stored, in characters).
            let xlsx = try #require(try SpreadsheetReader.xlsxSheets(xlsxPath).first)
            let letters = (0..<columns.count).map { String(UnicodeScalar(UInt8(ascii: "A") + UInt8($0))) }
            for (index, letter) in letters.enumerated() {
                let characters = (leads[index] / 0.75 - 5) / 7
                let stored = try #require(xlsx.widths[letter], "XLSX column \(letter)")
                #expect(abs(characters - stored) < 1, "column \(columns[index].key): \(characters) vs the XLSX's \(stored)")
            }
        }
    }

    @Test func spreadsheetCellsAreTypedAndRowsRollOver() throws {
        try withTemporaryFolder { folder in
            let path = folder + "/sheet.xml"
            let file = try AtomicOutputFile(finalPath: path)
            let writer = try SpreadsheetMLWriter(
                file: file, columns: Self.columns(), listSeparator: " | ", metadata: try XLSXWriterTests.metadata(), rowLimit: 2)
            let records = Self.records()
            for record in records { try writer.write(record) }
            try writer.finish()
            try file.publish()
            #expect(try SpreadsheetReader.xmllintProblem(path) == nil)
            let text = try String(contentsOfFile: path, encoding: .utf8)
            #expect(text.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<?mso-application progid=\"Excel.Sheet\"?>"))

            let sheets = try #require(try SpreadsheetReader.xml(path) as? [[String: Any]])
            #expect(sheets.map { $0["name"] as? String } == ["Leads", "Leads (2)", "Export"])
            let rows = sheets.prefix(2).map { $0["rows"] as? [[[String]]] ?? [] }
            #expect(rows.map(\.count) == [2, 2], "each sheet: the header and one row")
            #expect(rows[1][0].map { $0[1] } == Self.columns().map(\.title), "the second sheet repeats the header")
            #expect(rows[0][0].allSatisfy { $0[2] == "header" }, "the header is styled bold")
            let first = rows[0][1].map { Array($0.prefix(2)) }
            #expect(first[0] == ["Number", "1"])
            #expect(first[1] == ["String", "=HYPERLINK(\"x\") <b>&amp;</b> ]]>"])
            #expect(first[2] == ["String", "+79001234567"])
            #expect(first[3][0] == "String" && first[3][1] == XLSXWriterTests.truncated(Self.comment), "cut at Excel's limit")
            #expect(first[4] == ["Number", "1"])
            #expect(rows[0][1][4][2] == "boolean", "a Boolean is 1/0 shown as TRUE/FALSE")
            #expect(first[5] == ["Number", "5.5"])
            #expect(first[6] == ["DateTime", "2024-01-01T13:00:00.000"])
            #expect(rows[0][1][6][2] == "dateTime")
            #expect(first[7] == ["Number", "1500000.5"])
            #expect(first[8] == ["String", "парковка | вид <на> море"])
            #expect(first[9] == ["DateTime", "2024-03-01T00:00:00.000"])
            let second = rows[1][1].map { Array($0.prefix(2)) }
            #expect(second[0] == ["Number", "2"])
            #expect(second[1] == ["String", Self.allForbiddenCleaned])
            #expect(second[2] == ["blank", ""], "a skipped cell leaves its column empty")
            #expect(second[4] == ["Number", "0"])
            #expect(second[5] == ["String", "n/a"])
            #expect(writer.warnings.counts == [
                .init(kind: .cellTruncated, field: "xml spreadsheet: sourceComment"): 1, .init(kind: .forbiddenXMLCharacter, field: "xml spreadsheet: name"): 1,
            ])
            let export = sheets[2]["rows"] as? [[[String]]] ?? []
            #expect(export.contains { $0[0][1] == "rows" && $0[1][1] == "2" })
        }
    }
}
