import Foundation
import LinerMock
import Testing
@testable import LinerExport

/// `maxRowsPerFile`: whole files of at most that many rows, numbered by `{part}`, that together hold
/// exactly the rows of the unsplit output, each listed in the manifest.
struct SplitOutputTests {
    @Test func partsTogetherHoldTheUnsplitRows() async throws {
        let configuration = EndToEndTests.configuration(leads: 5_000)
        try await withTemporaryFolder { folder in
            let summary = try await exportFromMockServer(configuration) { server in
                makeTestPipeline(server: server, folder: folder) {
                    $0.window = EndToEndTests.window
                    $0.source.requestsPerSecond = 0
                    $0.outputs = [
                        OutputSpec(format: .csv, path: folder + "/all.csv"),
                        OutputSpec(format: .csv, path: folder + "/split-{part}.csv", maxRowsPerFile: 1000),
                        OutputSpec(format: .ndjson, path: folder + "/split-{part}.ndjson.gz", maxRowsPerFile: 1000),
                        OutputSpec(format: .xlsx, path: folder + "/split-{part}.xlsx", maxRowsPerFile: 1000),
                    ]
                }
            }
            let partCount = (summary.leads + 999) / 1000
            #expect(summary.leads > 2_000 && summary.leads % 1000 != 0, "a last part that is not full: \(summary.leads)")
            let all = try PythonReader.csvRows(folder + "/all.csv")
            var joined: [[String: String]] = []
            for part in 1...partCount {
                let rows = try PythonReader.csvRows(folder + String(format: "/split-%03d.csv", part))
                #expect(rows.count == (part < partCount ? 1000 : summary.leads - 1000 * (partCount - 1)), "part \(part)")
                joined += rows
                let sheets = try SpreadsheetReader.xlsxSheets(folder + String(format: "/split-%03d.xlsx", part))
                #expect(sheets[0].rows.count == rows.count + 1, "xlsx part \(part) has its header and its rows")
            }
            #expect(joined == all, "the CSV parts, in order, are the unsplit CSV")
            #expect(!FileManager.default.fileExists(atPath: folder + String(format: "/split-%03d.csv", partCount + 1)))
            let ndjsonLines = try runProgram([
                "python3", "-c", "import gzip, sys; print(sum(len(gzip.open(p).read().splitlines()) for p in sys.argv[1:]))",
            ] + (1...partCount).map { folder + String(format: "/split-%03d.ndjson.gz", $0) })
            #expect(Int(ndjsonLines.output.trimmingCharacters(in: .whitespacesAndNewlines)) == summary.leads)

            #expect(summary.files.count == 1 + 3 * partCount)
            let (manifest, hashes, _) = try RunManifestTests.readManifest(folder + "/test.manifest.json")
            let files = try #require(manifest["files"] as? [[String: Any]])
            #expect(files.compactMap { $0["path"] as? String }.filter { $0.hasPrefix("split-") && $0.hasSuffix(".csv") }
                == (1...partCount).map { String(format: "split-%03d.csv", $0) }, "paths relative to the manifest")
            #expect(files.filter { ($0["path"] as! String).hasSuffix(".xlsx") }.compactMap { $0["rows"] as? Int }.reduce(0, +) == summary.leads)
            #expect(files.allSatisfy { $0["sha256"] as? String == hashes[$0["path"] as! String] })
        }
    }

    @Test(arguments: [
        (#""path": "exports/leads-{from}.csv", "maxRowsPerFile": 10"#, "outputs[0].maxRowsPerFile: needs a {part} placeholder in path"),
        (#""path": "exports/leads-{part}.csv""#, "outputs[0].path: {part} needs maxRowsPerFile"),
        (#""path": "exports/leads-{part}.csv", "maxRowsPerFile": 0"#, "outputs[0].maxRowsPerFile: expected at least 1, got 0"),
    ])
    func badSplitsAreRefusedByDecoderAndSchema(output: String, message: String) throws {
        let document = PipelineSpecTests.valid.replacingOccurrences(of: #""path": "exports/leads-{from}.csv""#, with: output)
        let error = #expect(throws: ExportError.self) { try PipelineLoader.decode(Data(document.utf8), origin: "x.json") }
        #expect(error?.message.hasPrefix("x.json: " + message) == true, "got: \(error?.message ?? "no error")")
        #expect(try !PipelineSchemaTests.schemaErrors([document])[0].isEmpty, "the schema refuses it too")
    }
}
