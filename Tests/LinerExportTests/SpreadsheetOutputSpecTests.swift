import Foundation
import Testing
@testable import LinerExport

/// The XLSX and XML output options: defaults, and every misuse named with its key path.
struct SpreadsheetOutputSpecTests {
    /// The valid pipeline of `PipelineSpecTests` with other outputs.
    static func pipeline(outputs: String) -> String {
        let valid = PipelineSpecTests.valid
        let start = valid.range(of: #""outputs": "#)!.upperBound
        let end = valid.range(of: #".ndjson"}]"#)!.upperBound
        return valid.replacingCharacters(in: start..<end, with: outputs)
    }

    @Test func optionsDecodeWithDefaults() throws {
        let spec = try PipelineLoader.decode(Data(Self.pipeline(outputs: """
            [{"format": "xlsx", "path": "a.xlsx"}, {"format": "xml", "path": "a.xml"},
             {"format": "xml", "path": "b.xml", "flavor": "spreadsheet", "listSeparator": " | ", "columnWidths": {"id": 8}},
             {"format": "xlsx", "path": "b.xlsx", "columnWidths": {"name": 40, "Бюджет": 12.5}, "exportSheet": false}]
            """).utf8), origin: "x.json")
        #expect(spec.outputs.map(\.format) == [.xlsx, .xml, .xml, .xlsx])
        #expect(spec.outputs[0].exportSheet && spec.outputs[0].columnWidths.isEmpty)
        #expect(spec.outputs[1].flavor == .records)
        #expect(spec.outputs[2].flavor == .spreadsheet && spec.outputs[2].listSeparator == " | ")
        #expect(spec.outputs[2].columnWidths == ["id": 8], "the XML spreadsheet takes widths like the XLSX")
        #expect(spec.outputs[3].columnWidths == ["name": 40, "Бюджет": 12.5] && !spec.outputs[3].exportSheet)
    }

    static let misuses: [(outputs: String, message: String)] = [
        (#"[{"format": "xml", "path": "a.xml", "flavor": "table"}]"#, #"outputs[0].flavor: expected one of records, spreadsheet, got "table""#),
        (#"[{"format": "xlsx", "path": "a.xlsx", "flavor": "records"}]"#, "outputs[0].flavor: applies to xml outputs only, not xlsx"),
        (#"[{"format": "xml", "path": "a.xml", "exportSheet": true}]"#, "outputs[0].exportSheet: applies to xlsx outputs only, not xml"),
        (#"[{"format": "csv", "path": "a.csv", "columnWidths": {}}]"#, "outputs[0].columnWidths: applies to xlsx and xml spreadsheet outputs only, not csv"),
        (#"[{"format": "xml", "path": "a.xml", "columnWidths": {"id": 8}}]"#,
         "outputs[0].columnWidths: applies to xlsx and xml spreadsheet outputs only, not xml records"),
        (#"[{"format": "xlsx", "path": "a.xlsx", "bom": true}]"#, "outputs[0].bom: applies to csv outputs only, not xlsx"),
        (#"[{"format": "xlsx", "path": "a.xlsx", "columnWidths": {"name": 300}}]"#,
         #"outputs[0].columnWidths: expected widths from 0 to 255 characters, got 300.0 for "name""#),
    ]

    @Test(arguments: misuses)
    func misuseNamesTheKeyPath(outputs: String, message: String) {
        let error = #expect(throws: ExportError.self) {
            try PipelineLoader.decode(Data(Self.pipeline(outputs: outputs).utf8), origin: "x.json")
        }
        #expect(error?.message.hasPrefix("x.json: " + message) == true, "got: \(error?.message ?? "no error")")
    }
}
