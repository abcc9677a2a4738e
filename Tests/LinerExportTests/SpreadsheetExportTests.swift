import Foundation
import LinerMock
import Testing
@testable import LinerExport

/// Whole runs to XLSX and XML over real HTTP against the fake server, checked against the CSV of the
/// same run with openpyxl, ElementTree and xmllint.
struct SpreadsheetExportTests {
    @Test func xlsxAndXMLHoldTheSameLeadsAsTheCSV() async throws {
        var configuration = MockServerConfiguration()
        configuration.dataset.leadCount = 3_000
        try await withTemporaryFolder { folder in
            let summary = try await exportFromMockServer(configuration) { server in
                makeTestPipeline(server: server, folder: folder) {
                    $0.window = WindowSpec(
                        from: WindowBound("2024-01-01")!, to: WindowBound("2024-01-02T12:00:00")!,
                        timeZone: TimeZone(identifier: "Europe/Moscow")!)
                    $0.normalize.customFields = CustomFieldSpec(names: [10: "Бюджет"])
                    $0.filters = FilterSpec(orderIds: Array(201...212))
                    $0.outputs = [
                        OutputSpec(format: .csv, path: folder + "/l.csv"),
                        OutputSpec(format: .xlsx, path: folder + "/l.xlsx", columnWidths: ["name": 30]),
                        OutputSpec(format: .xml, path: folder + "/l.xml"),
                        OutputSpec(format: .xml, path: folder + "/s.xml", flavor: .spreadsheet),
                    ]
                }
            }
            #expect(summary.leads > 1_500)
            #expect(summary.files.map(\.format) == [.csv, .xlsx, .xml, .xml])
            #expect(summary.files.allSatisfy { $0.bytes > 0 && $0.rows == summary.leads })
            let xlsxBytes = try FileManager.default.attributesOfItem(atPath: folder + "/l.xlsx")[.size] as? Int
            #expect(summary.files[1].bytes == xlsxBytes, "the XLSX size libxlsxwriter wrote is reported")
            #expect(summary.warnings.counts[.init(kind: .cellTruncated, field: "xlsx: sourceComment")] == 1, "the 100 KB comment is cut once")
            #expect(summary.text.contains("cell_truncated"))

            let csv = try PythonReader.csvRows(folder + "/l.csv")
            let sheets = try SpreadsheetReader.xlsxSheets(folder + "/l.xlsx")
            #expect(sheets.map(\.name) == ["Leads", "Export"])
            let rows = sheets[0].rows
            let titles = rows[0].map(\.value)
            #expect(titles.contains("Бюджет"), "custom columns by title")
            #expect(rows.count - 1 == csv.count)
            for (row, line) in zip(rows.dropFirst(), csv) {
                for (title, cell) in zip(titles, row) {
                    let text = XLSXWriterTests.cellText(line[title] ?? "")
                    switch cell.type {
                    case "blank": #expect(text.isEmpty, "\(title) of lead \(line["id"] ?? "")")
                    case "n": #expect(Double(text) == Double(cell.value), "\(title) of lead \(line["id"] ?? "")")
                    case "b": #expect(text == cell.value, "\(title) of lead \(line["id"] ?? "")")
                    case "d":
                        // A date-only value (a custom `date` field) reads back as its midnight.
                        let expected = text.count == 10 ? text + "T00:00:00" : text
                        #expect(expected.hasPrefix(String(cell.value.prefix(19))), "\(title): \(text) vs \(cell.value)")
                    default:
                        if title == "sourceComment", cell.value.hasSuffix(SpreadsheetValue.truncationMarker) {
                            #expect(text.utf16.count > 32_767)
                        } else {
                            // Free text carries the CSV's formula guard; a validated phone does not.
                            #expect([cell.value, EndToEndTests.guarded(cell.value)].contains(text), "\(title) of lead \(line["id"] ?? "")")
                        }
                    }
                }
            }
            let phoneColumn = try #require(titles.firstIndex(of: "phone"))
            #expect(rows.dropFirst().allSatisfy { ["s", "blank"].contains($0[phoneColumn].type) }, "phones are text")
            let createdColumn = try #require(titles.firstIndex(of: "createdAt"))
            #expect(rows.dropFirst().allSatisfy { $0[createdColumn].type == "d" }, "dates are dates")

            #expect(try SpreadsheetReader.xmllintProblem(folder + "/l.xml", schema: SpreadsheetReader.schemaPath) == nil)
            let document = try #require(try SpreadsheetReader.xml(folder + "/l.xml") as? [String: Any])
            let leads = document["leads"] as? [[[String: Any]]] ?? []
            #expect(leads.map { $0.first { $0["tag"] as? String == "id" }?["text"] as? String ?? "" } == csv.map { $0["id"] ?? "" })
            #expect((document["attributes"] as? [String: String])?["orderIds"]?.split(separator: " ").count == 12)

            #expect(try SpreadsheetReader.xmllintProblem(folder + "/s.xml") == nil)
            let spreadsheet = try #require(try SpreadsheetReader.xml(folder + "/s.xml") as? [[String: Any]])
            let sheetRows = spreadsheet[0]["rows"] as? [[[String]]] ?? []
            #expect(sheetRows.count - 1 == csv.count)
            #expect(sheetRows.dropFirst().map { $0[0][1] } == csv.map { $0["id"] ?? "" })
        }
    }
}
