import Foundation
import LinerMock
import Testing
@testable import LinerExport

/// `.csv.gz` and `.ndjson.gz` outputs: one gzip stream that `gzip -t` accepts and that decompresses to
/// exactly the bytes the uncompressed output holds.
struct GzipOutputTests {
    @Test func gzipOutputsDecompressToThePlainBytes() async throws {
        let configuration = EndToEndTests.configuration(leads: 6_000)
        try await withTemporaryFolder { folder in
            let summary = try await exportFromMockServer(configuration) { server in
                makeTestPipeline(server: server, folder: folder) {
                    $0.window = EndToEndTests.window
                    $0.source.requestsPerSecond = 0
                    $0.outputs = [
                        OutputSpec(format: .csv, path: folder + "/leads.csv", bom: true),
                        OutputSpec(format: .csv, path: folder + "/leads.csv.gz", bom: true),
                        OutputSpec(format: .ndjson, path: folder + "/leads.ndjson"),
                        OutputSpec(format: .ndjson, path: folder + "/leads.ndjson.gz"),
                    ]
                }
            }
            #expect(summary.leads > 3_000)
            for name in ["leads.csv", "leads.ndjson"] {
                let test = try runProgram(["gzip", "-t", folder + "/" + name + ".gz"])
                #expect(test.status == 0, "gzip -t \(name).gz: \(test.errors)")
                let script = "import gzip, sys; sys.exit(0 if gzip.open(sys.argv[1]).read() == open(sys.argv[2], 'rb').read() else 1)"
                let same = try runProgram(["python3", "-c", script, folder + "/" + name + ".gz", folder + "/" + name])
                #expect(same.status == 0, "\(name).gz decompresses to \(name)'s bytes: \(same.errors)")
                let plain = try #require(try FileManager.default.attributesOfItem(atPath: folder + "/" + name)[.size] as? Int)
                let compressed = try #require(try FileManager.default.attributesOfItem(atPath: folder + "/" + name + ".gz")[.size] as? Int)
                #expect(compressed < plain / 2, "\(name): \(compressed) of \(plain) bytes")
                #expect(summary.files.first { $0.path.hasSuffix(name + ".gz") }?.bytes == compressed, "the summary counts the bytes on disk")
            }
            let rows = try runProgram(["python3", "-c", "import csv, gzip, sys; print(sum(1 for _ in csv.DictReader(gzip.open(sys.argv[1], 'rt', encoding='utf-8-sig'))))", folder + "/leads.csv.gz"])
            #expect(Int(rows.output.trimmingCharacters(in: .whitespacesAndNewlines)) == summary.leads)
        }
    }

    @Test(arguments: ["xlsx", "xml"])
    func gzipIsRefusedForFormatsThatAreNotText(format: String) throws {
        let document = PipelineSpecTests.valid.replacingOccurrences(
            of: #"{"format": "ndjson", "path": "exports/leads-{from}.ndjson"}"#, with: #"{"format": "\#(format)", "path": "exports/leads.\#(format).gz"}"#)
        let error = #expect(throws: ExportError.self) { try PipelineLoader.decode(Data(document.utf8), origin: "x.json") }
        #expect(error?.message.hasPrefix("x.json: outputs[1].path: gzip (a path ending in .gz) applies to csv and ndjson outputs only") == true,
                "got: \(error?.message ?? "no error")")
        #expect(try !PipelineSchemaTests.schemaErrors([document])[0].isEmpty, "the schema refuses it too")
    }
}
