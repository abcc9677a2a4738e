import Foundation
import LinerMock
import Testing
@testable import LinerExport

/// Changes capture against the fake server moved forward in time between runs: the change set holds
/// exactly the leads the fake created, changed and archived, each once, with the right columns.
struct ChangesCaptureTests {
    static let leadCount = 2_000

    static func configuration() -> MockServerConfiguration {
        var configuration = MockServerConfiguration()
        configuration.dataset.leadCount = leadCount
        return configuration
    }

    /// A fixed window over every lead (the epochs' new ones included), tracked for 30 days, with a
    /// change set and a snapshot in NDJSON.
    static func spec(_ server: MockLinerServer, folder: String, configure: (inout PipelineSpec) -> Void = { _ in }) -> PipelineSpec {
        makeTestPipeline(server: server, folder: folder) {
            $0.window = utcWindow(from: "2024-01-01T00:00:00Z", to: "2024-01-10T00:00:00Z")
            $0.window.stateFile = folder + "/state/changes.json"
            $0.source.requestsPerSecond = 0
            $0.changes = ChangesSpec(rescanSeconds: 30 * 86_400)
            $0.columns = fieldColumns("id", "statusId", "statusTitle", "sourceComment", "updatedAt", "custom.10")
            $0.metrics = MetricsSpec(textfile: folder + "/metrics.prom")
            $0.outputs = [
                OutputSpec(format: .ndjson, path: folder + "/window.ndjson"),
                OutputSpec(format: .ndjson, path: folder + "/changes.ndjson", content: .changes),
                OutputSpec(format: .ndjson, path: folder + "/snapshot.ndjson", content: .snapshot),
            ]
            configure(&$0)
        }
    }

    static func run(_ spec: PipelineSpec) async throws -> RunSummary {
        try await ExportRunner(spec: spec, apiKey: APIKey("mock-liner-key"), logger: quietLogger).run()
    }

    /// The columns a field the fake changes shows in.
    static let columnsOfMockField = [
        "statusId": ["statusId", "statusTitle"], "sourceComment": ["sourceComment"], "customValues": ["custom.10"], "updatedAt": ["updatedAt"],
    ]

    /// The change set's rows by id; fails when an id comes twice.
    static func changeRows(_ path: String) throws -> [Int: [String: Any]] {
        var rows: [Int: [String: Any]] = [:]
        for row in try PythonReader.ndjsonRows(path) {
            let id = try #require(row["id"] as? Int)
            #expect(rows[id] == nil, "lead \(id) comes once")
            rows[id] = row
        }
        return rows
    }

    static func ids(_ rows: [Int: [String: Any]], _ type: String) -> Set<Int> {
        Set(rows.filter { $0.value["changeType"] as? String == type }.keys)
    }

    @Test func aRunAfterTheAccountMovedHoldsExactlyWhatTheFakeChanged() async throws {
        try await withTemporaryFolder { folder in
            try await withMockServer(Self.configuration()) { server in
                let spec = Self.spec(server, folder: folder)
                let first = try await Self.run(spec)
                #expect(first.changes?.created == Self.leadCount, "the first run tracks every lead: all created")
                #expect(try Self.changeRows(folder + "/changes.ndjson").count == Self.leadCount)
                let firstRows = try Self.changeRows(folder + "/window.ndjson")

                try server.advance(to: 1)
                let truth = server.changes(from: 0, to: 1)
                #expect(!truth.created.isEmpty && !truth.updated.isEmpty && !truth.archived.isEmpty, "the step moved every kind")
                let second = try await Self.run(spec)
                let rows = try Self.changeRows(folder + "/changes.ndjson")
                #expect(Self.ids(rows, "created") == truth.created)
                #expect(Self.ids(rows, "updated") == Set(truth.updated.keys))
                #expect(Self.ids(rows, "archived") == truth.archived)
                #expect(rows.count == truth.created.count + truth.updated.count + truth.archived.count, "unchanged leads are not repeated")
                for (id, fields) in truth.updated {
                    let expected = Set(fields.flatMap { Self.columnsOfMockField[$0] ?? [$0] })
                    #expect(Set(rows[id]?["changedFields"] as? [String] ?? []) == expected, "lead \(id)")
                    #expect(rows[id]?["statusId"] as? Int == server.lead(id: id)?.statusId, "lead \(id): its new values")
                }
                for id in truth.created { #expect((rows[id]?["changedFields"] as? [String])?.isEmpty == true) }
                for id in truth.archived {
                    #expect(rows[id]?["sourceComment"] as? String == firstRows[id]?["sourceComment"] as? String, "lead \(id): last published values")
                    #expect(rows[id]?["statusId"] as? Int == firstRows[id]?["statusId"] as? Int)
                }
                let counts = try #require(second.changes)
                let expectedCounts: [Int] = [truth.created.count, truth.updated.count, truth.archived.count]
                #expect([counts.created, counts.updated, counts.archived] == expectedCounts)
                #expect(counts.tracked == Self.leadCount + truth.created.count - truth.archived.count)
                #expect(counts.lookedUp == truth.archived.count, "only the leads the rescan no longer served are looked up")

                let manifest = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/test.manifest.json"))) as? [String: Any])
                let manifestChanges = (manifest["counts"] as? [String: Any])?["changes"] as? [String: Int]
                #expect(manifestChanges?["created"] == counts.created && manifestChanges?["updated"] == counts.updated
                    && manifestChanges?["archived"] == counts.archived && manifestChanges?["tracked"] == counts.tracked)
                let contents = (manifest["files"] as? [[String: Any]])?.compactMap { $0["content"] as? String }
                #expect(contents == ["leads", "changes", "snapshot"])
                let metrics = try String(contentsOfFile: folder + "/metrics.prom", encoding: .utf8)
                #expect(metrics.contains("liner_export_last_run_changes{pipeline=\"test\",type=\"archived\"} \(counts.archived)\n"))
                #expect(metrics.contains("liner_export_last_run_changes{pipeline=\"test\",type=\"updated\"} \(counts.updated)\n"))
                #expect(metrics.contains("liner_export_last_run_tracked_leads{pipeline=\"test\"} \(counts.tracked)\n"))

                let snapshot = try Self.changeRows(folder + "/snapshot.ndjson")
                #expect(snapshot.count == counts.tracked)
                #expect(Set(snapshot.keys).isDisjoint(with: truth.archived))
                for id in truth.updated.keys { #expect(snapshot[id]?["sourceComment"] as? String == server.lead(id: id)?.sourceComment) }
            }
        }
    }

    @Test func aLeadChangedTwiceBetweenRunsIsOneRowWithItsLatestValues() async throws {
        try await withTemporaryFolder { folder in
            try await withMockServer(Self.configuration()) { server in
                // Ten days between the runs (the window reaches past the last new lead).
                let spec = Self.spec(server, folder: folder) {
                    $0.window = utcWindow(from: "2024-01-01T00:00:00Z", to: "2024-01-20T00:00:00Z")
                    $0.window.stateFile = folder + "/state/changes.json"
                }
                _ = try await Self.run(spec)
                try server.advance(to: 10)
                var stepsChanged: [Int: Int] = [:]
                for step in 1...10 {
                    for id in server.changes(from: step - 1, to: step).updated.keys { stepsChanged[id, default: 0] += 1 }
                }
                let truth = server.changes(from: 0, to: 10)
                // Leads the first run published (ids after the base leads are the epochs' new ones).
                let twice = Set(stepsChanged.filter { $0.value >= 2 && $0.key <= Self.leadCount }.keys).subtracting(truth.archived)
                #expect(!twice.isEmpty, "some leads changed in two steps or more")
                _ = try await Self.run(spec)
                let rows = try Self.changeRows(folder + "/changes.ndjson")
                for id in twice {
                    let lead = try #require(server.lead(id: id))
                    #expect(rows[id]?["changeType"] as? String == "updated")
                    #expect(rows[id]?["statusId"] as? Int == lead.statusId, "lead \(id)")
                    #expect(rows[id]?["sourceComment"] as? String == lead.sourceComment, "lead \(id)")
                }
                #expect(rows.count == truth.created.count + truth.updated.count + truth.archived.count)
            }
        }
    }

    @Test func aRunWithNothingChangedWritesAnEmptyChangeSet() async throws {
        try await withTemporaryFolder { folder in
            try await withMockServer(Self.configuration()) { server in
                let spec = Self.spec(server, folder: folder)
                _ = try await Self.run(spec)
                let second = try await Self.run(spec)
                #expect(try PythonReader.ndjsonRows(folder + "/changes.ndjson").isEmpty)
                #expect(second.changes?.unchanged == Self.leadCount)
                #expect(second.changes?.rows == 0)
                #expect(try PythonReader.ndjsonRows(folder + "/snapshot.ndjson").count == Self.leadCount)
            }
        }
    }

    /// A run that fails after its rescan (here: warnings refused before publishing) leaves the tracked
    /// leads as the last success left them, so the next run reports the same changes.
    @Test func aRunThatFailsBeforePublishingLeavesTheTrackedLeadsUntouched() async throws {
        try await withTemporaryFolder { folder in
            try await withMockServer(Self.configuration()) { server in
                let spec = Self.spec(server, folder: folder)
                _ = try await Self.run(spec)
                let stateBefore = try String(contentsOfFile: folder + "/state/changes.json", encoding: .utf8)
                let storeBefore = try FileManager.default.contentsOfDirectory(atPath: folder + "/state").sorted()
                try server.advance(to: 1)
                var refusing = spec
                refusing.onWarnings = .fail
                refusing.columns = spec.columns + fieldColumns("phone")  // the fake's phones raise warnings
                await #expect(throws: ExportError.self) { _ = try await Self.run(refusing) }
                #expect(try String(contentsOfFile: folder + "/state/changes.json", encoding: .utf8).contains(
                    stateBefore.components(separatedBy: "\"trackedLeads\"").last ?? "?"))
                #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/state").sorted().filter { $0.contains("tracked") }
                    == storeBefore.filter { $0.contains("tracked") }, "no new generation is left behind")

                _ = try await Self.run(spec)
                let truth = server.changes(from: 0, to: 1)
                let rows = try Self.changeRows(folder + "/changes.ndjson")
                #expect(Self.ids(rows, "updated") == Set(truth.updated.keys))
                #expect(Self.ids(rows, "archived") == truth.archived)
                #expect(Self.ids(rows, "created") == truth.created)
            }
        }
    }

    @Test func aLeadLeavingTheStatusFilterIsAnUpdatedRowWithItsNewValues() async throws {
        try await withTemporaryFolder { folder in
            try await withMockServer(Self.configuration()) { server in
                let kept = [10, 11, 12]
                let spec = Self.spec(server, folder: folder) { $0.filters.statusIds = kept }
                _ = try await Self.run(spec)
                let tracked = Set(try Self.changeRows(folder + "/changes.ndjson").keys)
                try server.advance(to: 1)
                let truth = server.changes(from: 0, to: 1)
                let left = Set(truth.updated.keys.filter { tracked.contains($0) && !kept.contains(server.lead(id: $0)?.statusId ?? -1) })
                #expect(!left.isEmpty, "some tracked leads moved to a status outside the filter")
                let second = try await Self.run(spec)
                let rows = try Self.changeRows(folder + "/changes.ndjson")
                for id in left {
                    #expect(rows[id]?["changeType"] as? String == "updated", "lead \(id)")
                    #expect(rows[id]?["statusId"] as? Int == server.lead(id: id)?.statusId, "lead \(id): its new status")
                    #expect((rows[id]?["changedFields"] as? [String])?.contains("statusId") == true)
                }
                #expect(second.changes?.leftFilters == left.count)
                #expect(Self.ids(rows, "archived") == truth.archived.intersection(tracked))
                let snapshot = try Self.changeRows(folder + "/snapshot.ndjson")
                #expect(Set(snapshot.keys).isDisjoint(with: left), "no longer tracked")
            }
        }
    }

    @Test func previewShowsTheChangeSetOfTheFirstPage() async throws {
        try await withTemporaryFolder { folder in
            try await withMockServer(Self.configuration()) { server in
                let spec = Self.spec(server, folder: folder)
                _ = try await Self.run(spec)
                try server.advance(to: 1)
                let truth = server.changes(from: 0, to: 1)
                let preview = try await LeadPreview(spec: spec, apiKey: APIKey("mock-liner-key"), logger: quietLogger)
                    .table(rows: 100, columns: ["all"], changes: true)
                #expect(preview.table.titles.prefix(3) == ["changeType", "changedFields", "id"])
                // The list serves the oldest leads first; archived ones are gone from it.
                let firstPage = Set((1...Self.leadCount).filter { !truth.archived.contains($0) }.prefix(100))
                let expected = firstPage.intersection(truth.updated.keys)
                #expect(!expected.isEmpty, "the first page holds changed leads")
                #expect(Set(preview.table.rows.map { Int($0[2])! }) == expected)
                #expect(preview.table.rows.allSatisfy { $0[0] == "updated" && $0[1].contains("updatedAt") })
                #expect(preview.total == Self.leadCount + truth.created.count - truth.archived.count)
                #expect(try Self.changeRows(folder + "/changes.ndjson").count == Self.leadCount, "a preview writes nothing")
            }
        }
    }

    @Test func aDryRunShowsTheRescanAndWritesNothing() async throws {
        try await withTemporaryFolder { folder in
            try await withMockServer(Self.configuration()) { server in
                let spec = Self.spec(server, folder: folder)
                _ = try await Self.run(spec)
                let before = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
                let plan = try await ExportRunner(spec: spec, apiKey: APIKey("mock-liner-key"), logger: quietLogger).dryRun()
                #expect(plan.text.contains("rescan: leads created from 2023-12-11T00:00:00Z on are read again and compared with the 2000 leads the last success tracked"),
                        "\(plan.text)")
                #expect(plan.total == Self.leadCount, "the total covers the rescan range")
                #expect(plan.text.contains("and one request (/v2/lead/detail/{id}/) per tracked lead the rescan no longer serves"))
                #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == before)
            }
        }
    }
}
