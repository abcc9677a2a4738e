import Foundation
import LinerMock
import Testing
@testable import LinerExport

/// A server that answers 200 but misbehaves in the envelope (`success: false`, a `next` that is a URL,
/// no or an absurd `total`, a `limit` ignored) cannot lose leads silently: the run gets every lead, or
/// fails loudly.
struct MisbehavingServerTests {
    /// Exports 2024-01-01 (UTC) from a fake server of `leadCount` leads (one a minute from its start),
    /// with fast retries; returns the summary, the NDJSON ids and the server's lead-list requests.
    static func export(
        _ configure: (inout MockFaults) -> Void, leadCount: Int = 3_000, chunk: WindowChunk = .none
    ) async throws -> (summary: RunSummary, ids: [Int], leadListRequests: Int) {
        var configuration = MockServerConfiguration()
        configuration.dataset.leadCount = leadCount
        configure(&configuration.faults)
        return try await withTemporaryFolder { folder in
            try await withMockServer(configuration) { server in
                let spec = makeTestPipeline(server: server, folder: folder) {
                    ResilienceTests.makeFast(&$0.source)
                    $0.window.chunk = chunk
                }
                let summary = try await ExportRunner(spec: spec, apiKey: APIKey(configuration.apiKey), logger: quietLogger).run()
                let ids = try ResilienceTests.ids(folder + "/leads-2024-01-01.ndjson")
                return (summary, ids, server.statistics().leadListRequests)
            }
        }
    }

    /// The export's error, nil when it succeeded.
    static func exportError(_ configure: (inout MockFaults) -> Void, chunk: WindowChunk = .none) async -> ExportError? {
        do {
            _ = try await export(configure, chunk: chunk)
            return nil
        } catch let error as ExportError {
            return error
        } catch {
            Issue.record("not an ExportError: \(error)")
            return nil
        }
    }

    @Test func successFalseWithAnInternalErrorIsRetriedLikeA5xx() async throws {
        let (summary, ids, _) = try await Self.export {
            $0.successFalseFirst = 3
            $0.successFalseMessage = "Internal error"
        }
        #expect(ids == Array(1...1_440))
        #expect(summary.retries["success_false"] == 3)
    }

    @Test(arguments: ["Bad parameter: limit", "Invalid API token", "Lead not found"])
    func successFalseNamingTheRequestFailsAtOnce(_ message: String) async throws {
        var configuration = MockServerConfiguration()
        configuration.faults.successFalseFirst = 1_000
        configuration.faults.successFalseMessage = message
        try await withTemporaryFolder { folder in
            try await withMockServer(configuration) { server in
                let spec = makeTestPipeline(server: server, folder: folder) {
                    ResilienceTests.makeFast(&$0.source)
                    $0.source.concurrency = 1
                    $0.window.chunk = .none
                }
                let error = await #expect(throws: ExportError.self) {
                    _ = try await ExportRunner(spec: spec, apiKey: APIKey(configuration.apiKey), logger: quietLogger).run()
                }
                #expect(error?.kind == "server_refused")
                #expect(error?.exitCode == 1)
                #expect(server.statistics().leadListRequests <= 2, "not retried")
            }
        }
    }

    /// Without `total`, a `next` that is not a number (a URL) or null on a full page is no end: paging
    /// goes on by offset until a short or empty page.
    @Test(arguments: [(250, true), (3_000, false)])
    func withoutTotalPagingGoesOnUntilAShortPage(leadCount: Int, nextAsURL: Bool) async throws {
        let (summary, ids, _) = try await Self.export({
            $0.omitsTotal = true
            $0.nextAsURL = nextAsURL
        }, leadCount: leadCount)
        #expect(ids == Array(1...min(leadCount, 1_440)))
        #expect(summary.serverTotal == nil)
    }

    /// A negative or absurd `total` is a protocol error, found before any planning loop runs on it.
    /// (The time limit catches a hang, a planning loop of 10^14 pieces: the test takes under a second
    /// on a quiet machine, minutes on a machine building three packages at once.)
    @Test(.timeLimit(.minutes(5)), arguments: [-5, 1_000_000_001, 1_000_000_000_000_000_000, Int.max])
    func anAbsurdTotalIsABadResponse(total: Int) async throws {
        for chunk in [WindowChunk.auto, .none] {
            let error = await Self.exportError({ $0.reportedTotal = total }, chunk: chunk)
            #expect(error?.kind == "bad_response", "\(chunk)")
            #expect(error.map { "\($0)".contains("total") } == true, "\(error.map { "\($0)" } ?? "")")
        }
    }

    /// A server that serves more leads than `limit` asks for (250 for 100) is paged by what it serves,
    /// once, with a `server_ignored_limit` warning: no duplicates to repair, no re-fetching.
    @Test(arguments: [false, true])
    func aServerIgnoringLimitIsPagedByWhatItServes(omitsTotal: Bool) async throws {
        let (summary, ids, requests) = try await Self.export {
            $0.ignoredLimit = 250
            $0.omitsTotal = omitsTotal
        }
        #expect(ids == Array(1...1_440))
        #expect(summary.runWarnings["server_ignored_limit", default: 0] > 0)
        #expect(summary.text.contains("server_ignored_limit"))
        #expect(summary.repairPasses == 0 && summary.windowsSplit == 0 && summary.duplicatesSkipped == 0)
        #expect(requests <= 12, "\(requests) lead-list requests for 6 pages of 250")
    }
}

