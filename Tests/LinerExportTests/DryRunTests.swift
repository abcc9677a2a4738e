import Foundation
import LinerMock
import Testing
@testable import LinerExport

/// `run --dry-run`: one request for `total` (and, for `auto` windows, the counts that balance them),
/// the planned windows and files, nothing written.
struct DryRunTests {
    @Test func dryRunAsksForTheTotalOnceAndWritesNothing() async throws {
        let configuration = EndToEndTests.configuration(leads: 30_000)
        try await withTemporaryFolder { folder in
            let (plan, statistics) = try await withMockServer(configuration) { server in
                let spec = makeTestPipeline(server: server, folder: folder + "/out") {
                    $0.window = EndToEndTests.window
                    $0.metrics = MetricsSpec(textfile: folder + "/out/m.prom")
                }
                let plan = try await ExportRunner(spec: spec, apiKey: APIKey(configuration.apiKey), logger: quietLogger).dryRun()
                return (plan, server.statistics())
            }
            let expected = MockDataset(configuration.dataset)
                .expectedLeadIDs(createdFrom: EndToEndTests.from, createdTo: EndToEndTests.to.addingTimeInterval(-1)).count
            #expect(plan.windowProbes > 0, "auto windows are balanced by count")
            #expect(statistics.leadListRequests == 1 + plan.windowProbes, "one request for total, the rest counting windows")
            #expect(statistics.requestsServed == statistics.leadListRequests, "no reference lists")
            #expect(plan.total == expected)
            // `chunk: auto` cuts at most about 10,000 leads a window, every window's count known.
            #expect(plan.windows.count == (expected + 9_999) / 10_000)
            #expect(plan.windows.compactMap(\.leads).reduce(0, +) == expected && plan.windows.allSatisfy { $0.leads != nil })
            #expect(plan.windows.first?.from == Timestamp(millisecondsSinceEpoch: Int64(EndToEndTests.from.timeIntervalSince1970 * 1000)))
            #expect(plan.windows.last?.to == Timestamp(millisecondsSinceEpoch: Int64(EndToEndTests.to.timeIntervalSince1970 * 1000)))
            #expect(zip(plan.windows, plan.windows.dropFirst()).allSatisfy { $0.to == $1.from }, "windows are contiguous")
            let requests = try #require(plan.estimatedRequests)
            // Every window's count is known: exactly each window's pages.
            #expect(requests == plan.windows.reduce(0) { $0 + max(1, ($1.leads! + 99) / 100) })
            #expect(requests >= (expected + 99) / 100 && requests < (expected + 99) / 100 + plan.windows.count)
            let text = plan.text
            #expect(text.contains("server total: \(expected) leads"))
            #expect(text.contains("windows: \(plan.windows.count) (chunk auto, at most about 10000 leads each, \(plan.windowProbes) requests counting them)"))
            #expect(text.contains(": \(plan.windows[0].leads!) leads\n"), "each window with its count")
            #expect(text.contains("would write: csv → \(folder)/out/leads-2024-01-02.csv"))
            #expect(text.contains("would write: manifest → \(folder)/out/test.manifest.json"))
            #expect(text.contains("would write: metrics → \(folder)/out/m.prom"))
            #expect(!FileManager.default.fileExists(atPath: folder + "/out"), "nothing written, not even a folder")
        }
    }

    @Test func dryRunFromTheCommandLine() async throws {
        var configuration = MockServerConfiguration()
        configuration.dataset.leadCount = 2_000
        try await withMockServer(configuration) { server in
            try CommandLineTests.withPipeline(CommandLineTests.pipeline(baseURL: server.baseURL)) { folder, path in
                let result = try CommandLineTests.run(
                    ["run", "--dry-run", "--quiet", path], in: folder, environment: ["LINER_API_KEY": configuration.apiKey])
                #expect(result.status == 0, "\(result.errors)")
                #expect(result.output.hasPrefix("dry run of pipeline cli: nothing is written\n"))
                #expect(result.output.contains("would write: csv → out/cli-2024-01-01.csv"))
                #expect(!FileManager.default.fileExists(atPath: folder + "/out"))
                #expect(server.statistics().leadListRequests == 1)
            }
        }
    }
}
