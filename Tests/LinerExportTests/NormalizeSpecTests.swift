import Foundation
import Testing
@testable import LinerExport

/// The pipeline keys of normalization, enrichment and columns: defaults, values and errors.
struct NormalizeSpecTests {
    static func document(normalize: String = "{}", filters: String = "{}", columns: String? = nil, output: String = #"{"format": "ndjson", "path": "x.ndjson"}"#) -> String {
        """
        {"version": 1, "source": {"baseURL": "https://example.liner.host"}, "window": "yesterday",
         "filters": \(filters), "normalize": \(normalize), \(columns.map { "\"columns\": \($0)," } ?? "")
         "outputs": [\(output)]}
        """
    }

    static func decode(_ document: String) throws -> PipelineSpec {
        try PipelineLoader.decode(Data(document.utf8), origin: "x.json")
    }

    @Test func defaults() throws {
        let spec = try Self.decode(Self.document())
        #expect(spec.columns == [.defaults])
        #expect(spec.normalize.phones.invalid == .keep)
        #expect(spec.filters.primaryOnly == false)
        #expect(spec.outputs[0].shape == .flat)
    }

    @Test func valuesAreRead() throws {
        let spec = try Self.decode(Self.document(
            normalize: #"{"phones": {"invalid": "fail"}}"#, filters: #"{"primaryOnly": true}"#,
            columns: #"["default", {"field": "statusTitle", "as": "Статус"}, "createdAtClientTime", "*"]"#,
            output: #"{"format": "ndjson", "path": "x.ndjson", "shape": "nested"}"#))
        #expect(spec.normalize.phones.invalid == .fail)
        #expect(spec.filters.primaryOnly)
        #expect(spec.columns == [.defaults, .field("statusTitle", title: "Статус"), .field("createdAtClientTime", title: nil), .all])
        #expect(spec.outputs[0].shape == .nested)
    }

    @Test(arguments: [
        (document(normalize: #"{"phones": {"invalid": "drop"}}"#), #"normalize.phones.invalid: expected one of keep, empty, fail, got "drop""#),
        (document(output: #"{"format": "csv", "path": "x.csv", "shape": "nested"}"#), "outputs[0].shape: applies to ndjson outputs only, not csv"),
        (document(output: #"{"format": "ndjson", "path": "x.ndjson", "shape": "deep"}"#), #"outputs[0].shape: expected one of flat, nested, got "deep""#),
        (document(filters: #"{"primaryOnly": "yes"}"#), "filters.primaryOnly: expected true or false"),
        (document(columns: #"["statusName"]"#), #"columns[0]: expected "*", "default", "custom.*""#),
    ])
    func badValuesNameTheKey(document: String, message: String) {
        let error = #expect(throws: ExportError.self) { try Self.decode(document) }
        #expect(error?.message.hasPrefix("x.json: " + message) == true, "got: \(error?.message ?? "no error")")
    }

    @Test func aRenameAfterStarRenamesInPlace() throws {
        let layout = try ColumnLayout(
            selections: [.all, .field("phone", title: "Телефон")], customFields: [CustomFieldID(10)], customNames: [10: "Бюджет"])
        #expect(layout.titles[2] == "Телефон")
        #expect(layout.titles.last == "Бюджет")
        #expect(layout.columns.count == LeadField.all.count + 1)
    }
}
