import Foundation
import LinerMock
import Testing
@testable import LinerExport

/// `preview` goes through the run's own stages: what it shows is what `run` would write first.
struct LeadPreviewTests {
    static let window = #"{"from": "2024-01-01T00:00:00Z", "to": "2024-01-02T00:00:00Z", "timeZone": "UTC"}"#

    /// The preview's rows and the NDJSON a run of the same pipeline writes.
    static func previewAndRun(filters: String, rows: Int) async throws -> (preview: PreviewTable, run: [[String: Any]]) {
        var configuration = MockServerConfiguration()
        configuration.dataset.leadCount = 300
        return try await withTemporaryFolder { folder in
            let outputs = #"[{"format": "ndjson", "path": "\#(folder)/leads.ndjson"}]"#
            return try await withMockServer(configuration) { server in
                let spec = try makePipeline(
                    server: server, folder: folder, window: window,
                    extra: #""filters": \#(filters), "columns": ["id", "statusId", "isSecondary", "previousLeadId"]"#, outputs: outputs)
                let apiKey = APIKey(configuration.apiKey)
                let preview = try await LeadPreview(spec: spec, apiKey: apiKey, logger: quietLogger).table(rows: rows)
                _ = try await ExportRunner(spec: spec, apiKey: apiKey, logger: quietLogger).run()
                return (preview.table, try PythonReader.ndjsonRows(folder + "/leads.ndjson"))
            }
        }
    }

    @Test func primaryOnlyLeavesSecondaryLeadsOutOfThePreviewToo() async throws {
        let (preview, run) = try await Self.previewAndRun(filters: #"{"primaryOnly": true}"#, rows: 50)
        let ids = preview.rows.map { $0[0] }
        let firstRunIDs = run.prefix(ids.count).map { String($0["id"] as? Int ?? -1) }
        try #require(!ids.isEmpty)
        #expect(ids.count < 50, "the first 50 leads of the window hold secondary ones, left out")
        #expect(ids == Array(firstRunIDs), "the preview shows what the run writes first")
    }

    @Test func aClientSideStatusFilterAppliesToThePreview() async throws {
        let (preview, run) = try await Self.previewAndRun(filters: #"{"statusIds": [10], "statusFilter": "client"}"#, rows: 100)
        try #require(!preview.rows.isEmpty)
        #expect(preview.rows.allSatisfy { $0[1] == "10" })
        #expect(preview.rows.map { $0[0] } == run.prefix(preview.rows.count).map { String($0["id"] as? Int ?? -1) })
    }
}
