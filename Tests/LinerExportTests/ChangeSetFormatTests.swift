import Foundation
import LinerMock
import Testing
@testable import LinerExport

/// A change set in every format, read back with a reader of that format: the same rows as the NDJSON
/// change set, `changeType` and `changedFields` first, and the records XML valid for `schemas/leads.xsd`.
struct ChangeSetFormatTests {
    @Test func everyFormatHoldsTheSameChangeSet() async throws {
        try await withTemporaryFolder { folder in
            try await withMockServer(ChangesCaptureTests.configuration()) { server in
                let spec = ChangesCaptureTests.spec(server, folder: folder) {
                    $0.columns = [.all]
                    $0.outputs = [
                        OutputSpec(format: .ndjson, path: folder + "/changes.ndjson", content: .changes),
                        OutputSpec(format: .csv, path: folder + "/changes.csv", content: .changes),
                        OutputSpec(format: .xlsx, path: folder + "/changes.xlsx", content: .changes),
                        OutputSpec(format: .xml, path: folder + "/changes.records.xml", content: .changes),
                        OutputSpec(format: .xml, path: folder + "/changes.xml", flavor: .spreadsheet, content: .changes),
                        OutputSpec(format: .csv, path: folder + "/snapshot.csv", content: .snapshot),
                    ]
                }
                _ = try await ChangesCaptureTests.run(spec)
                try server.advance(to: 1)
                _ = try await ChangesCaptureTests.run(spec)

                let ndjson = try PythonReader.ndjsonRows(folder + "/changes.ndjson")
                let expected = ndjson.map { [String(describing: $0["id"]!), $0["changeType"] as! String, ($0["changedFields"] as! [String]).joined(separator: ", ")] }
                #expect(Set(expected.map { $0[1] }) == ["created", "updated", "archived"])

                let csv = try PythonReader.csvRows(folder + "/changes.csv")
                #expect(csv.map { [$0["id"]!, $0["changeType"]!, $0["changedFields"]!] } == expected)

                let sheet = try SpreadsheetReader.xlsxSheets(folder + "/changes.xlsx")[0]
                #expect(sheet.rows[0].prefix(3).map(\.value) == ["changeType", "changedFields", "id"])
                #expect(sheet.rows.dropFirst().map { [String(Int(Double($0[2].value)!)), $0[0].value, $0[1].value] } == expected)

                #expect(try SpreadsheetReader.xmllintProblem(folder + "/changes.records.xml", schema: SpreadsheetReader.schemaPath) == nil)
                let records = try #require(SpreadsheetReader.xml(folder + "/changes.records.xml") as? [String: Any])
                let leads = try #require(records["leads"] as? [[[String: Any]]])
                let fromXML = leads.map { fields in
                    func field(_ tag: String) -> [String: Any]? { fields.first { $0["tag"] as? String == tag } }
                    return [field("id")?["text"] as? String ?? "", field("changeType")?["text"] as? String ?? "",
                            (field("changedFields")?["items"] as? [String] ?? []).joined(separator: ", ")]
                }
                #expect(fromXML == expected)

                #expect(try SpreadsheetReader.xmllintProblem(folder + "/changes.xml") == nil)
                let sheets = try #require(SpreadsheetReader.xml(folder + "/changes.xml") as? [[String: Any]])
                let rows = try #require(sheets.first?["rows"] as? [[[String]]])
                #expect(rows[0].prefix(2).map { $0[1] } == ["changeType", "changedFields"])
                #expect(rows.dropFirst().map { [$0[2][1], $0[0][1], $0[1][1]] } == expected)

                let snapshot = try PythonReader.csvRows(folder + "/snapshot.csv")
                #expect(snapshot.first?["changeType"] == nil, "a snapshot has the run's columns only")
                #expect(snapshot.count == ChangesCaptureTests.leadCount + server.changes(from: 0, to: 1).created.count
                    - server.changes(from: 0, to: 1).archived.count)
            }
        }
    }
}
