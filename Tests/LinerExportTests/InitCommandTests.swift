import Foundation
import Testing
@testable import LinerExport

/// `liner-export init` writes a commented starter pipeline that the same binary's `validate`, the
/// schema and the loader all accept, and never overwrites a file by accident.
struct InitCommandTests {
    static let baseURL = "https://acme.liner.host"

    @Test(arguments: PipelineTemplate.allCases)
    func everyTemplateInitWritesPassesValidate(template: PipelineTemplate) throws {
        try withTemporaryFolder { folder in
            let written = try CommandLineTests.run(["init", "--base-url", Self.baseURL, "--template", template.rawValue], in: folder)
            #expect(written.status == 0, "\(written.errors)")
            #expect(written.output == "wrote \(template.defaultPath); next: liner-export validate \(template.defaultPath)\n")
            let validated = try CommandLineTests.run(["validate", template.defaultPath], in: folder, environment: ["LINER_API_KEY": "k"])
            #expect(validated.status == 0, "\(validated.errors)")
            let name = try PipelineLoader.load(path: folder + "/" + template.defaultPath).name
            #expect(validated.output.hasPrefix("pipeline \(name): valid\nsource: \(Self.baseURL)/v2/lead/"), "\(validated.output)")

            let text = try String(contentsOfFile: folder + "/" + template.defaultPath, encoding: .utf8)
            #expect(try PipelineSchemaTests.schemaErrors([text]) == [""], "the schema accepts it too")
            #expect(text.components(separatedBy: "\"$comment\"").count > 4, "commented")
            let printed = try CommandLineTests.run(["init", "--base-url", Self.baseURL, "--template", template.rawValue, "--output", "-"], in: folder)
            #expect(printed.status == 0, "\(printed.errors)")
            #expect(printed.output == text, "--output - prints what the file holds")
        }
    }

    /// What `init` writes by default is what `deploy/` runs: `pipelines/nightly.json`.
    @Test func theNightlyTemplateIsTheDeployedPipeline() throws {
        let template = try PipelineLoader.decode(Data(PipelineTemplate.nightly.text(baseURL: "https://example.liner.host").utf8), origin: "template")
        let shipped = try PipelineLoader.load(path: PipelineSpecTests.pipelinesFolder + "nightly.json")
        #expect(template == shipped)
    }

    /// `init --template changes` is `pipelines/nightly-changes.json`.
    @Test func theChangesTemplateIsTheShippedChangesPipeline() throws {
        let template = try PipelineLoader.decode(Data(PipelineTemplate.changes.text(baseURL: "https://example.liner.host").utf8), origin: "template")
        let shipped = try PipelineLoader.load(path: PipelineSpecTests.pipelinesFolder + "nightly-changes.json")
        #expect(template == shipped)
        #expect(shipped.changes == ChangesSpec(rescanSeconds: 2_592_000))
    }

    @Test func anExistingFileIsReplacedOnlyWithForce() throws {
        try withTemporaryFolder { folder in
            let path = folder + "/mine.json"
            try Data("my own pipeline".utf8).write(to: URL(fileURLWithPath: path))
            let refused = try CommandLineTests.run(["init", "--base-url", Self.baseURL, "--output", path])
            #expect(refused.status == 2)
            #expect(refused.errors == "Error: \(path) exists already; --force replaces it, --output - prints the pipeline instead\n")
            #expect(try String(contentsOfFile: path, encoding: .utf8) == "my own pipeline")

            // A symlink is never written through either.
            try FileManager.default.createSymbolicLink(atPath: folder + "/link.json", withDestinationPath: folder + "/target.json")
            #expect(try CommandLineTests.run(["init", "--base-url", Self.baseURL, "--output", folder + "/link.json"]).status == 2)
            #expect(!FileManager.default.fileExists(atPath: folder + "/target.json"))

            let forced = try CommandLineTests.run(["init", "--base-url", Self.baseURL, "--output", path, "--force"])
            #expect(forced.status == 0, "\(forced.errors)")
            #expect(try PipelineLoader.load(path: path).name == "nightly")
        }
    }

    @Test(arguments: [
        (["--template", "weekly"], #"Error: --template: expected nightly, dump or changes, got "weekly""#),
    ])
    func unavailableTemplatesAreRefused(arguments: [String], message: String) throws {
        try withTemporaryFolder { folder in
            let result = try CommandLineTests.run(["init", "--base-url", Self.baseURL] + arguments, in: folder)
            #expect(result.status == 2)
            #expect(result.errors.hasPrefix(message + "\n"), "\(result.errors)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty, "nothing written")
        }
    }

    @Test(arguments: [
        ("https://acme.liner.host/v2/lead/", #"Error: --base-url: expected the account's address without the API path (/v2/lead/ is appended to it), got "https://acme.liner.host/v2/lead/"; use "https://acme.liner.host""#),
        ("acme.liner.host", #"Error: --base-url: expected an http(s) URL like "https://example.liner.host", got "acme.liner.host""#),
    ])
    func aBadBaseURLIsRefusedNamingTheOption(baseURL: String, message: String) throws {
        try withTemporaryFolder { folder in
            let result = try CommandLineTests.run(["init", "--base-url", baseURL], in: folder)
            #expect(result.status == 2)
            #expect(result.errors == message + "\n")
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty, "nothing written")
        }
    }

    /// `"$comment"` is allowed in every object of fixed keys, for the schema and the loader alike, and must be a string.
    @Test func commentsAreAllowedInEveryObject() throws {
        let document = """
            {"$comment": "c", "version": 1, "source": {"$comment": "c", "baseURL": "https://x.liner.host"},
             "window": {"$comment": "c", "from": "yesterday", "to": "today"}, "filters": {"$comment": "c"},
             "normalize": {"$comment": "c", "phones": {"$comment": "c"}, "dates": {"$comment": "c"},
                           "customFields": {"$comment": "c", "10": "Budget"}},
             "columns": [{"$comment": "c", "field": "phone"}],
             "outputs": [{"$comment": "c", "format": "csv", "path": "x.csv"}], "metrics": {"$comment": "c", "textfile": "m.prom"}}
            """
        let spec = try PipelineLoader.decode(Data(document.utf8), origin: "x.json")
        #expect(spec.normalize.customFields.names == [10: "Budget"])
        #expect(try PipelineSchemaTests.schemaErrors([document]) == [""])
    }
}
