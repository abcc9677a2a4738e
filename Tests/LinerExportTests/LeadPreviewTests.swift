import Foundation
import LinerMock
import Testing
@testable import LinerExport

/// `preview` goes through the run's own stages: what it shows is what `run` would write first.
struct LeadPreviewTests {
    /// The preview's rows and the NDJSON a run of the same pipeline writes.
    static func previewAndRun(filters: FilterSpec, rows: Int) async throws -> (preview: PreviewTable, run: [[String: Any]]) {
        var configuration = MockServerConfiguration()
        configuration.dataset.leadCount = 300
        return try await withTemporaryFolder { folder in
            return try await withMockServer(configuration) { server in
                let spec = makeTestPipeline(server: server, folder: folder) {
                    $0.filters = filters
                    $0.columns = fieldColumns("id", "statusId", "isSecondary", "previousLeadId")
                    $0.outputs = [OutputSpec(format: .ndjson, path: folder + "/leads.ndjson")]
                }
                let apiKey = APIKey(configuration.apiKey)
                let preview = try await LeadPreview(spec: spec, apiKey: apiKey, logger: quietLogger).table(rows: rows)
                _ = try await ExportRunner(spec: spec, apiKey: apiKey, logger: quietLogger).run()
                return (preview.table, try PythonReader.ndjsonRows(folder + "/leads.ndjson"))
            }
        }
    }

    @Test func primaryOnlyLeavesSecondaryLeadsOutOfThePreviewToo() async throws {
        let (preview, run) = try await Self.previewAndRun(filters: FilterSpec(primaryOnly: true), rows: 50)
        let ids = preview.rows.map { $0[0] }
        let firstRunIDs = run.prefix(ids.count).map { String($0["id"] as? Int ?? -1) }
        try #require(!ids.isEmpty)
        #expect(ids.count < 50, "the first 50 leads of the window hold secondary ones, left out")
        #expect(ids == Array(firstRunIDs), "the preview shows what the run writes first")
    }

    @Test func aClientSideStatusFilterAppliesToThePreview() async throws {
        let (preview, run) = try await Self.previewAndRun(filters: FilterSpec(statusIds: [10], statusFilter: .client), rows: 100)
        try #require(!preview.rows.isEmpty)
        #expect(preview.rows.allSatisfy { $0[1] == "10" })
        #expect(preview.rows.map { $0[0] } == run.prefix(preview.rows.count).map { String($0["id"] as? Int ?? -1) })
    }
}
