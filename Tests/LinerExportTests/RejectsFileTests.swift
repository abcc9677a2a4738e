import Foundation
import LinerMock
import Testing
@testable import LinerExport

/// The rejects file (`"rejects"`): one row per warning, read back with Python's csv module, against
/// the run's summary, manifest and outputs.
struct RejectsFileTests {
    static let columns = ["leadId", "field", "warning", "rawValue"]

    /// A pipeline writing CSV, NDJSON, XLSX and XML records for two days, with a rejects file.
    static func spec(server: MockLinerServer, folder: String, stateFile: String? = nil) -> PipelineSpec {
        makeTestPipeline(server: server, folder: folder) {
            $0.window = EndToEndTests.firstTwoDays
            $0.window.stateFile = stateFile
            $0.source.requestsPerSecond = 0
            $0.columns = [.all]
            $0.outputs += [
                OutputSpec(format: .xlsx, path: folder + "/leads-{from}.xlsx"),
                OutputSpec(format: .xml, path: folder + "/leads-{from}.xml"),
            ]
            $0.rejects = RejectsSpec(path: folder + "/{name}-{from}-{to}.rejects.csv", delimiter: UInt8(ascii: ";"))
        }
    }

    @Test func everyWarningOfTheRunIsARowInLeadOrderWithItsRawValue() async throws {
        let configuration = EndToEndTests.configuration(leads: 3_000)
        try await withTemporaryFolder { folder in
            let (summary, spooled) = try await withMockServer(configuration) { server in
                let summary = try await ExportRunner(
                    spec: Self.spec(server: server, folder: folder + "/direct"), apiKey: APIKey(configuration.apiKey), logger: quietLogger
                ).run()
                let spooled = try await ExportRunner(
                    spec: Self.spec(server: server, folder: folder + "/spooled", stateFile: folder + "/state/s.json"),
                    apiKey: APIKey(configuration.apiKey), logger: quietLogger
                ).run()
                return (summary, spooled)
            }
            let path = folder + "/direct/test-2024-01-01-2024-01-03.rejects.csv"
            let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]), "UTF-8 with a BOM, for Excel")
            #expect(String(decoding: bytes.prefix(40), as: UTF8.self).hasPrefix("\u{FEFF}leadId;field;warning;rawValue\r\n"))
            let rows = try PythonReader.csvRows(path, delimiter: ";")

            // The summary's counts stay, and the rows add up to them, field by field.
            #expect(summary.warnings.total > 100)
            #expect(rows.count == summary.warnings.total)
            var counted: [String: Int] = [:]
            for row in rows { counted["\(row["warning"] ?? "") (\(row["field"] ?? ""))", default: 0] += 1 }
            #expect(counted == Dictionary(uniqueKeysWithValues: summary.warnings.counts.map { ($0.key.description, $0.value) }))
            #expect(Set(rows.compactMap { $0["warning"] }).isSuperset(of: ["invalid_phone", "xlsx_forbidden_character", "xml_forbidden_character"]))

            // In the outputs' lead order, each with its value as the API sent it (formula-guarded).
            let ndjson = try PythonReader.ndjsonRows(folder + "/direct/leads-2024-01-01.ndjson")
            let position = Dictionary(uniqueKeysWithValues: ndjson.enumerated().map { ($1["id"] as! Int, $0) })
            let order = rows.map { position[Int($0["leadId"] ?? "") ?? -1] ?? -1 }
            #expect(!order.contains(-1), "every row names a lead of the export")
            #expect(order == order.sorted(), "rows follow the leads' order")
            let dataset = MockDataset(configuration.dataset)
            for row in rows {
                let lead = dataset.lead(at: Int(row["leadId"]!)! - 1)
                switch (row["warning"], row["field"]) {
                case ("invalid_phone", "phone"): #expect(row["rawValue"] == EndToEndTests.guarded(lead.rawPhone ?? ""), "lead \(lead.id)")
                case ("xlsx_forbidden_character", "xlsx: name"), ("xml_forbidden_character", "xml: name"),
                     ("xml_forbidden_character", "xml spreadsheet: name"):
                    #expect(row["rawValue"] == EndToEndTests.guarded(lead.name), "lead \(lead.id)")
                default: break
                }
            }

            // Listed in the summary and the manifest like an output, with its rows and SHA-256.
            let file = try #require(summary.files.last)
            #expect(file.isRejects && file.path == path && file.rows == rows.count && file.bytes == bytes.count)
            #expect(summary.text.contains("wrote rejects \(path) (\(rows.count) rows"))
            let (manifest, hashes, _) = try RunManifestTests.readManifest(try #require(summary.manifestPath))
            let listed = try #require((manifest["files"] as? [[String: Any]])?.last)
            // Paths in the manifest are relative to its folder, which here is the rejects file's too.
            #expect(listed["content"] as? String == "rejects" && listed["path"] as? String == (path as NSString).lastPathComponent)
            #expect(listed["sha256"] as? String == hashes[(path as NSString).lastPathComponent])
            #expect((manifest["files"] as? [[String: Any]])?.dropLast().allSatisfy { $0["content"] as? String == "leads" } == true)

            // A spooled run (a state file: what a resumed run replays) writes the same bytes.
            #expect(spooled.warnings.total == summary.warnings.total)
            #expect(try Data(contentsOf: URL(fileURLWithPath: folder + "/spooled/test-2024-01-01-2024-01-03.rejects.csv")) == bytes)
        }
    }

    @Test func rawValuesCannotBreakTheCSVOrRunAsFormulas() throws {
        let layout = LeadNormalizerTests.normalizer.layout
        let values = [
            "=HYPERLINK(\"http://x\")", "+7 900", "-5", "@SUM(A1)", "\tTab", "a;b", "line\r\nbreak \"quoted\"", "", "Иван 👍",
        ]
        try withTemporaryFolder { folder in
            let path = folder + "/r.csv"
            let rejects = try RejectsFile(path: path, delimiter: UInt8(ascii: ";"), layout: layout)
            try rejects.write(values.map { RejectedValue(kind: .unparseableDate, field: "custom.7", value: $0) }, leadID: 42)
            try rejects.write([RejectedValue(kind: .leadWithoutID, field: "id", value: "abc")], leadID: nil)
            try rejects.finish()
            try rejects.file.publish()
            let rows = try PythonReader.csvRows(path, delimiter: ";")
            #expect(rows.count == values.count + 1 && rejects.rows == rows.count)
            #expect(rows.allSatisfy { Set($0.keys) == Set(Self.columns) })
            #expect(rows.dropLast().map { $0["rawValue"] ?? "?" } == values.map(EndToEndTests.guarded))
            #expect(rows.dropLast().allSatisfy { $0["leadId"] == "42" && $0["field"] == "custom.7" && $0["warning"] == "unparseable_date" })
            #expect(rows.last == ["leadId": "", "field": "id", "warning": "lead_without_id", "rawValue": "abc"])
        }
    }

    @Test func aRunThatPublishesNothingPublishesNoRejects() async throws {
        try await withTemporaryFolder { folder in
            let previous = folder + "/test-2024-01-01-2024-01-03.rejects.csv"
            try Data("last good rejects\n".utf8).write(to: URL(fileURLWithPath: previous))
            try await withMockServer(EndToEndTests.configuration(leads: 3_000)) { server in
                var spec = Self.spec(server: server, folder: folder)
                spec.onWarnings = .fail
                await #expect(throws: ExportError.self) {
                    try await ExportRunner(spec: spec, apiKey: APIKey(MockServerConfiguration().apiKey), logger: quietLogger).run()
                }
            }
            #expect(try String(contentsOfFile: previous, encoding: .utf8) == "last good rejects\n", "the last good file stays")
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == ["test-2024-01-01-2024-01-03.rejects.csv"])
        }
    }

    @Test func aRejectsKeyDecodesAndIsShownByValidate() throws {
        let document = PipelineSpecTests.variant(#""columns": ["*"],"#, #""columns": ["*"], "rejects": {"path": "exports/{name}-{from}.rejects.csv"},"#)
        let spec = try PipelineLoader.decode(Data(document.utf8), origin: "x.json")
        #expect(spec.rejects == RejectsSpec(path: "exports/{name}-{from}.rejects.csv"))
        let plan = try PipelinePlan(spec: spec, now: ISO8601DateFormatter().date(from: "2024-03-10T12:00:00Z")!, environment: [:])
        #expect(plan.text.contains("rejects: csv → exports/nightly-2024-03-09.rejects.csv"), "\(plan.text)")
    }
}
