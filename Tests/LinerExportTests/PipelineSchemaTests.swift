import Foundation
import LinerJSON
import Testing
@testable import LinerExport

/// `pipelines/pipeline.schema.json` (what editors use for completion) and the decoder agree: every
/// example is valid for both, and every bad file the schema can express is refused by both.
struct PipelineSchemaTests {
    static let schemaPath = PipelineSpecTests.pipelinesFolder + "pipeline.schema.json"

    /// Bad files only the decoder can see: they need a time zone database, libphonenumber, a calendar, or a
    /// comparison between outputs, or a host name's meaning, which JSON Schema cannot express.
    static let decoderOnly = [
        "window.timeZone", "window.from: expected an ISO 8601", "normalize.phones.defaultRegion: expected a region libphonenumber knows", "outputs: expected a different path", "rejects: expected a path no output has", "manifest: expected a path no output has",
        "source.baseURL: expected https:// for a host that is not loopback", "name: expected letters", "not valid JSON", "name: the key appears twice", "outputs[0].bom: the key appears twice",
        "changes.rescan: expected from 1 hour",
    ]

    /// The schema's verdict on each document, from Python's jsonschema (Draft 2020-12).
    static func schemaErrors(_ documents: [String]) throws -> [String] {
        let script = """
            import json, sys, jsonschema
            validator = jsonschema.Draft202012Validator(json.load(open(sys.argv[1])))
            verdicts = []
            for text in json.load(sys.stdin):
                try:
                    errors = [e.message for e in validator.iter_errors(json.loads(text))]
                except ValueError as error:
                    errors = ["not JSON: %s" % error]
                verdicts.append("; ".join(errors))
            json.dump(verdicts, sys.stdout)
            """
        return try withTemporaryFolder { folder in
            let input = folder + "/documents.json"
            try JSONSerialization.data(withJSONObject: documents).write(to: URL(fileURLWithPath: input))
            let result = try runProgram(["bash", "-c", "python3 -c \"$0\" \"$1\" < \"$2\"", script, schemaPath, input])
            guard result.status == 0 else { throw ProgramFailed(description: "jsonschema failed: \(result.errors)") }
            return try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String] ?? []
        }
    }

    @Test func examplePipelinesAreValidForTheSchema() throws {
        let files = ["demo.json", "nightly.json", "nightly-changes.json", "dump-range.json"]
        let documents = try files.map { try String(contentsOfFile: PipelineSpecTests.pipelinesFolder + $0, encoding: .utf8) }
        let verdicts = try Self.schemaErrors(documents + [PipelineSpecTests.valid])
        for (file, verdict) in zip(files + ["PipelineSpecTests.valid"], verdicts) {
            #expect(verdict.isEmpty, "\(file): \(verdict)")
        }
    }

    @Test func badPipelinesAreRefusedByTheSchemaToo() throws {
        let cases = PipelineSpecTests.badFiles.filter { bad in !Self.decoderOnly.contains { bad.message.hasPrefix($0) } }
        #expect(cases.count >= 20)
        let verdicts = try Self.schemaErrors(cases.map(\.document))
        for (bad, verdict) in zip(cases, verdicts) {
            #expect(!verdict.isEmpty, "the schema accepts what the decoder refuses: \(bad.message)")
        }
    }
}
