import Foundation
import LinerJSON
import LinerMock
import Logging
import Testing
@testable import LinerExport

/// Without a state file leads are written as they arrive; a window split afterwards serves some of
/// them again, and nothing may be written twice.
struct DirectRenderTests {
    static func lead(_ json: String) throws -> JSONObject {
        guard case .object(let lead) = try JSONParser.parse(json) else { throw ExportError.badResponse("not an object") }
        return lead
    }

    /// A collector with the test normalizer writing one NDJSON output into `folder`.
    static func collectorWritingNDJSON(in folder: String) throws -> (LeadCollector, OutputSet, path: String) {
        let path = folder + "/leads.ndjson"
        let spec = OutputSpec(format: .ndjson, path: path)
        let outputs = try OutputSet(specs: [spec], paths: [path], layout: LeadNormalizerTests.normalizer.layout)
        let collector = LeadCollector(
            stage: NormalizeStage(normalizer: LeadNormalizerTests.normalizer), records: outputs, filters: FilterSpec(),
            logger: Logger(label: "test"))
        return (collector, outputs, path)
    }

    @Test func leadsOfASplitWindowAreWrittenOnceWhenItsPiecesServeThemAgain() throws {
        try withTemporaryFolder { folder in
            let (collector, outputs, path) = try Self.collectorWritingNDJSON(in: folder)
            let withID = try Self.lead(#"{"id": 7, "name": "Анна"}"#)
            let withoutID = try Self.lead(#"{"name": "без id"}"#)
            let otherWithoutID = try Self.lead(#"{"name": "другой без id"}"#)

            // The first attempt at the window writes two leads, then the window is split.
            let attempt = DirectRenderSink(collector: collector)
            try attempt.append(withID, prepared: nil)
            try attempt.append(withoutID, prepared: nil)
            attempt.discard()
            // Its pieces serve both again, plus a lead without id the first attempt never saw.
            let piece = DirectRenderSink(collector: collector)
            try piece.append(withoutID, prepared: nil)
            try piece.append(withID, prepared: nil)
            try piece.append(otherWithoutID, prepared: nil)
            try piece.complete()
            _ = try outputs.publish()

            let names = try PythonReader.ndjsonRows(path).map { $0["name"] as? String }
            #expect(names == ["Анна", "без id", "другой без id"])
            #expect(collector.counts.uniqueLeads == 3)
            #expect(collector.counts.duplicates == 2)
            #expect(collector.warnings.counts[.init(kind: .leadWithoutID, field: "id")] == 2)
        }
    }

    @Test func aPreparedLeadCountsItsWarningsOnlyWhenWritten() throws {
        try withTemporaryFolder { folder in
            let (collector, outputs, path) = try Self.collectorWritingNDJSON(in: folder)
            let json = #"{"id": 1, "phone": "not a phone", "price": "abc"}"#
            let lead = try Self.lead(json)
            let page = try LeadPage(offset: 0, data: JSONParser.parse(#"{"list": [\#(json)]}"#))
            let normalizer = LeadNormalizerTests.normalizer
            let prepared = NormalizeStage(normalizer: normalizer).prepare(page)

            let sink = DirectRenderSink(collector: collector)
            try sink.append(lead, prepared: prepared[0])
            try sink.append(lead, prepared: prepared[0])  // a duplicate: skipped, its warnings not counted again
            try sink.complete()
            _ = try outputs.publish()

            #expect(try PythonReader.ndjsonRows(path).count == 1)
            var alone = NormalizationWarnings()
            _ = try normalizer.normalize(lead, warnings: &alone)
            #expect(!alone.counts.isEmpty)
            #expect(collector.warnings == alone)
        }
    }

    @Test func aRunWithoutAStateFileWritesTheBytesOfASpooledOne() async throws {
        var configuration = MockServerConfiguration()
        configuration.dataset.leadCount = 5_000
        var files: [[Data]] = []
        for usesStateFile in [false, true] {
            try await withTemporaryFolder { folder in
                _ = try await exportFromMockServer(configuration) { server in
                    makeTestPipeline(server: server, folder: folder) {
                        $0.window = ResilienceTests.twoDays
                        $0.window.stateFile = usesStateFile ? folder + "/state.json" : nil
                    }
                }
                files.append(try ["csv", "ndjson"].map { try Data(contentsOf: URL(fileURLWithPath: folder + "/leads-2024-01-01.\($0)")) })
            }
        }
        #expect(files[0][0].count > 100_000)
        #expect(files[0] == files[1], "CSV and NDJSON byte for byte")
    }
}
