import Foundation
import LinerMock
import Testing
@testable import LinerExport

/// Faults, drift and failures against the fake server: every lead of the window exactly once, or a
/// loud failure that leaves the published files alone.
struct ResilienceTests {
    /// 2024-01-01 to 2024-01-03 (UTC) a day at a time, lead every minute: ids 1...2880 of a 3,000-lead account.
    static let twoDays: WindowSpec = {
        var window = EndToEndTests.firstTwoDays
        window.chunk = .day
        return window
    }()
    static let expectedIDs = Set(1...2_880)

    /// Small delays so retries cost milliseconds; the 1 s Retry-After of the fake server is capped too.
    static func makeFast(_ source: inout SourceSpec) {
        source.maxAttempts = 20
        source.retryBaseDelaySeconds = 0.002
        source.retryMaxDelaySeconds = 0.02
        source.requestsPerSecond = 0
        source.concurrency = 4
    }

    /// A pipeline of `twoDays` with CSV and NDJSON outputs in `folder`; `source` sets up the source from
    /// its defaults, `filters` chooses the leads.
    static func pipeline(
        _ server: MockLinerServer, folder: String, source: (inout SourceSpec) -> Void = makeFast, filters: FilterSpec = FilterSpec()
    ) -> PipelineSpec {
        makeTestPipeline(server: server, folder: folder) {
            $0.window = twoDays
            source(&$0.source)
            $0.filters = filters
        }
    }

    static func export(
        _ configuration: MockServerConfiguration, folder: String, filters: FilterSpec = FilterSpec()
    ) async throws -> (RunSummary, drift: [Int]) {
        try await withMockServer(configuration) { server in
            let spec = pipeline(server, folder: folder, filters: filters)
            let summary = try await ExportRunner(spec: spec, apiKey: APIKey(configuration.apiKey), logger: quietLogger).run()
            return (summary, server.driftLeads().map(\.id))
        }
    }

    static func ids(_ path: String) throws -> [Int] {
        try PythonReader.ndjsonRows(path).compactMap { $0["id"] as? Int }
    }

    enum Fault: String, CaseIterable, CustomTestStringConvertible {
        case serverErrors, rateLimits, truncatedBodies, resets, successFalse, allTogether
        var testDescription: String { rawValue }

        func apply(to faults: inout MockFaults) {
            switch self {
            case .serverErrors: faults.errorRate = 0.4
            case .rateLimits: faults.rateLimitRate = 0.4
            case .truncatedBodies: faults.truncateRate = 0.4
            case .resets: faults.resetRate = 0.4
            case .successFalse: faults.successFalseRate = 0.4
            case .allTogether:
                // 0.4 in all, as each kind alone: 20 failed attempts in a row then has odds of 1e-8 per
                // request (at 0.65 it was ~2e-4, and the test failed about once in 200 runs).
                faults.errorRate = 0.15
                faults.rateLimitRate = 0.1
                faults.truncateRate = 0.05
                faults.resetRate = 0.05
                faults.successFalseRate = 0.05
                faults.lastPageNext = .pastTotal
            }
        }
    }

    @Test(arguments: Fault.allCases)
    func eachFaultKindAtAHighRateStillYieldsTheExactIDSet(_ fault: Fault) async throws {
        var configuration = MockServerConfiguration()
        configuration.dataset.leadCount = 3_000
        fault.apply(to: &configuration.faults)
        try await withTemporaryFolder { folder in
            let (summary, _) = try await Self.export(configuration, folder: folder)
            let ids = try Self.ids(folder + "/leads-2024-01-01.ndjson")
            #expect(ids.count == Self.expectedIDs.count, "no duplicates")
            #expect(Set(ids) == Self.expectedIDs)
            #expect(summary.retries.values.reduce(0, +) > 10, "the faults were hit and retried")
            #expect(summary.windows == 2)
            #expect(ids == ids.sorted(), "pages fetched in parallel are written in order")
            if fault == .rateLimits { #expect(summary.rateLimitSlowdowns > 0) }
        }
    }

    @Test func driftWithFaultsLosesNothingDoublesNothingAndReportsRepairs() async throws {
        var configuration = MockServerConfiguration()
        configuration.dataset.leadCount = 3_000
        configuration.faults.driftEvery = 5
        configuration.faults.errorRate = 0.1
        configuration.faults.resetRate = 0.05
        try await withTemporaryFolder { folder in
            let (summary, drift) = try await Self.export(configuration, folder: folder)
            let ids = try Self.ids(folder + "/leads-2024-01-01.ndjson")
            #expect(!drift.isEmpty, "the server inserted leads during the run")
            #expect(ids.count == Set(ids).count, "no lead twice")
            #expect(Set(ids) == Self.expectedIDs.union(drift), "every lead of the window, created during the run included")
            #expect(summary.repairPasses + summary.windowsSplit > 0)
            #expect(!summary.repairs.isEmpty)
            #expect(summary.text.contains("repairs: "))
        }
    }

    @Test func aFailedRunLeavesThePreviousFilesUntouched() async throws {
        try await withTemporaryFolder { folder in
            var configuration = MockServerConfiguration()
            configuration.dataset.leadCount = 3_000
            _ = try await Self.export(configuration, folder: folder)
            let csv = folder + "/leads-2024-01-01.csv"
            let ndjson = folder + "/leads-2024-01-01.ndjson"
            let before = try [Data(contentsOf: URL(fileURLWithPath: csv)), Data(contentsOf: URL(fileURLWithPath: ndjson))]

            configuration.faults.errorRate = 0.5
            configuration.faults.seed = 99
            await #expect(throws: ExportError.self) {
                _ = try await withMockServer(configuration) { server in
                    let spec = Self.pipeline(server, folder: folder, source: {
                        $0.maxAttempts = 2
                        $0.retryBaseDelaySeconds = 0.001
                        $0.requestsPerSecond = 0
                    })
                    return try await ExportRunner(spec: spec, apiKey: APIKey(configuration.apiKey), logger: quietLogger).run()
                }
            }
            let after = try [Data(contentsOf: URL(fileURLWithPath: csv)), Data(contentsOf: URL(fileURLWithPath: ndjson))]
            #expect(after == before)
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".partial") }
            #expect(leftovers.isEmpty)
        }
    }

    @Test func clientSideStatusFilterKeepsOnlyTheChosenStatuses() async throws {
        var configuration = MockServerConfiguration()
        configuration.dataset.leadCount = 3_000
        try await withTemporaryFolder { folder in
            let (summary, _) = try await Self.export(
                configuration, folder: folder, filters: FilterSpec(statusIds: [10, 11], statusFilter: .client))
            let rows = try PythonReader.ndjsonRows(folder + "/leads-2024-01-01.ndjson")
            #expect(!rows.isEmpty)
            #expect(rows.allSatisfy { [10, 11].contains($0["statusId"] as? Int ?? -1) })
            #expect(summary.filteredOut > 0)
            #expect(rows.count + summary.filteredOut == Self.expectedIDs.count)
        }
    }

    @Test(arguments: [FilterSpec.StatusFilterSide.server, .client])
    func statusChurnLosesNoStableLeadAndDoublesNothing(_ side: FilterSpec.StatusFilterSide) async throws {
        var configuration = MockServerConfiguration()
        configuration.dataset.leadCount = 3_000
        configuration.faults.statusChurnEvery = 2
        try await withTemporaryFolder { folder in
            let statuses = [10, 11, 12]
            let (summary, churned) = try await withMockServer(configuration) { server in
                let spec = Self.pipeline(server, folder: folder, filters: FilterSpec(statusIds: statuses, statusFilter: side))
                let summary = try await ExportRunner(spec: spec, apiKey: APIKey(configuration.apiKey), logger: quietLogger).run()
                return (summary, server.statusChurnedLeadIDs())
            }
            let dataset = MockDataset(configuration.dataset)
            let matching = Set(dataset.expectedLeadIDs(
                createdFrom: Date(timeIntervalSince1970: 1_704_067_200), createdTo: Date(timeIntervalSince1970: 1_704_239_999),
                statusIds: statuses))
            let rows = try PythonReader.ndjsonRows(folder + "/leads-2024-01-01.ndjson")
            let ids = rows.compactMap { $0["id"] as? Int }
            #expect(!churned.isEmpty, "statuses changed during the run")
            #expect(ids.count == Set(ids).count, "no lead twice")
            #expect(matching.subtracting(churned).isSubset(of: Set(ids)), "every lead that kept its status is there")
            #expect(Set(ids).subtracting(churned).isSubset(of: matching), "no lead of another status")
            if side == .server {
                #expect(summary.repairPasses + summary.windowsSplit > 0, "the churn was detected and repaired")
            }
        }
    }

    @Test func aRunPastItsDeadlineFailsAndPublishesNothing() async throws {
        var configuration = MockServerConfiguration()
        configuration.dataset.leadCount = 3_000
        configuration.faults.latencyMilliseconds = 250
        try await withTemporaryFolder { folder async throws in
            let error = await #expect(throws: ExportError.self) {
                _ = try await withMockServer(configuration) { server in
                    let spec = Self.pipeline(server, folder: folder, source: {
                        $0.requestsPerSecond = 0
                        $0.concurrency = 1
                        $0.deadlineSeconds = 1
                    })
                    return try await ExportRunner(spec: spec, apiKey: APIKey(configuration.apiKey), logger: quietLogger).run()
                }
            }
            #expect(error?.kind == "deadline_exceeded")
            #expect(error?.exitCode == 1)
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty, "nothing published, nothing left behind")
        }
    }
}
