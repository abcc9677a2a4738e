import Foundation
import LinerMock
import Testing
@testable import LinerExport

/// The state file: incremental runs from the last success, the lock, and what a finished run leaves.
struct CheckpointTests {
    static func spec(_ server: MockLinerServer, folder: String, window: WindowSpec) -> PipelineSpec {
        makeTestPipeline(server: server, folder: folder) {
            $0.window = window
            $0.source.requestsPerSecond = 0
            $0.outputs = [OutputSpec(format: .ndjson, path: folder + "/leads-{from}-{to}.ndjson")]
        }
    }

    static func date(_ text: String) -> Date {
        Date(timeIntervalSince1970: Double(TimestampParser(sourceTimeZone: .gmt).parse(text)!.millisecondsSinceEpoch) / 1000)
    }

    @Test func incrementalRunsStartAtTheLastSuccessMinusTheLookbackAndSkipWhatWasExported() async throws {
        var configuration = MockServerConfiguration()
        configuration.dataset.leadCount = 3_000
        try await withTemporaryFolder { folder in
            let window = WindowSpec(
                from: WindowBound("2024-01-01T00:00:00Z")!, to: .now, timeZone: TimeZone(identifier: "UTC")!, sinceLastSuccess: true,
                lookbackSeconds: 2 * 3600, stateFile: folder + "/state/nightly.json")
            try await withMockServer(configuration) { server in
                let spec = Self.spec(server, folder: folder, window: window)
                let runner = ExportRunner(spec: spec, apiKey: APIKey(configuration.apiKey), logger: quietLogger)
                let first = try await runner.run(now: Self.date("2024-01-01T12:00:00Z"))
                let second = try await runner.run(now: Self.date("2024-01-02T00:00:00Z"))
                #expect(first.leads == 720)
                #expect(second.overlapSkipped == 120, "the two hours of lookback were exported by the first run")
                #expect(second.window.from == TimestampParser(sourceTimeZone: .gmt).parse("2024-01-01T10:00:00Z"))
                let firstIDs = try PythonReader.ndjsonRows(folder + "/leads-2024-01-01-2024-01-01T1200.ndjson").compactMap { $0["id"] as? Int }
                let secondIDs = try PythonReader.ndjsonRows(folder + "/leads-2024-01-01T1000-2024-01-02.ndjson").compactMap { $0["id"] as? Int }
                #expect(Set(firstIDs).isDisjoint(with: secondIDs))
                #expect(Set(firstIDs).union(secondIDs) == Set(1...1_440))
                #expect(firstIDs.count + secondIDs.count == 1_440)

                let stateText = try String(contentsOfFile: folder + "/state/nightly.json", encoding: .utf8)
                #expect(stateText.contains("lastSuccess"))
                #expect(!stateText.contains(configuration.apiKey), "the token never reaches the state")
                #expect(!stateText.contains("inProgress"), "no run in progress after a success")
                #expect(!FileManager.default.fileExists(atPath: folder + "/state/nightly.json.spool"))
            }
        }
    }

    @Test func aSecondRunOfThePipelineIsRefusedWhileTheLockIsHeld() async throws {
        try await withTemporaryFolder { folder in
            var window = utcWindow(from: "2024-01-01T00:00:00Z", to: "2024-01-02T00:00:00Z")
            window.stateFile = folder + "/state.json"
            try await withMockServer { server in
                let spec = Self.spec(server, folder: folder, window: window)
                let holder = StateStore(path: folder + "/state.json")
                try holder.lock(pipeline: "test")
                let error = await #expect(throws: ExportError.self) {
                    _ = try await ExportRunner(spec: spec, apiKey: APIKey("mock-liner-key"), logger: quietLogger).run()
                }
                #expect(error?.kind == "locked")
                #expect(error?.exitCode == 1)
                holder.unlock()
                let summary = try await ExportRunner(spec: spec, apiKey: APIKey("mock-liner-key"), logger: quietLogger).run()
                #expect(summary.leads == 1_000)
            }
        }
    }

    @Test func windowsFollowCalendarDaysWeeksOrTheServersTotal() throws {
        let parser = TimestampParser(sourceTimeZone: .gmt)
        let from = parser.parse("2024-01-01T05:00:00Z")!
        let to = parser.parse("2024-01-04T00:00:00Z")!
        let moscow = TimeZone(identifier: "Europe/Moscow")!
        let days = WindowPlanner(chunk: .day, timeZone: moscow).plan(from: from, to: to)
        #expect(days.map(\.fromMilliseconds) == [from, parser.parse("2024-01-01T21:00:00Z")!, parser.parse("2024-01-02T21:00:00Z")!, parser.parse("2024-01-03T21:00:00Z")!].map(\.millisecondsSinceEpoch))
        #expect(days.last?.to == to)
        #expect(WindowPlanner(chunk: .week, timeZone: .gmt).plan(from: from, to: to).count == 1)
        // `auto` cuts where the server's counts say (`WindowBalancer`, tested in `WindowBalancerTests`).
        let cuts = [parser.parse("2024-01-01T06:00:00Z")!, parser.parse("2024-01-02T00:00:00Z")!, to]
        let auto = WindowPlanner(chunk: .auto, timeZone: .gmt).plan(from: from, to: to, cuts: cuts)
        #expect(auto.count == 3, "a cut at the range's end is no cut")
        #expect(zip(auto, auto.dropFirst()).allSatisfy { $0.to == $1.from && $0.toMilliseconds % 1000 == 0 }, "contiguous, whole seconds")
        #expect(WindowPlanner(chunk: .auto, timeZone: .gmt).plan(from: from, to: to).count == 1)
    }

    @Test func retryAfterZeroFallsBackToBackoffAndLongWaitsAreCapped() {
        let policy = RetryPolicy(maxAttempts: 5, baseDelaySeconds: 1, maxDelaySeconds: 8)
        #expect(policy.delay(afterAttempt: 3, retryAfterSeconds: 0, random: 0.5) == 2, "0 means backoff: 4 s ceiling, half of it")
        #expect(policy.delay(afterAttempt: 1, retryAfterSeconds: 3, random: 0.5) == 3)
        #expect(policy.delay(afterAttempt: 1, retryAfterSeconds: 120, random: 0.5) == 8)
        #expect(policy.delay(afterAttempt: 10, retryAfterSeconds: nil, random: 0.99) <= 8)
        let now = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z
        #expect(EnvelopeReader.retryAfterSeconds(headerValue: "Thu, 01 Jan 2026 00:00:10 GMT", now: now) == 10)
        #expect(EnvelopeReader.retryAfterSeconds(headerValue: "Wed, 31 Dec 2025 23:00:00 GMT", now: now) == 0, "a past date is no wait")
        #expect(EnvelopeReader.retryAfterSeconds(headerValue: " 7 ", now: now) == 7)
    }

    @Test func theRateLimiterSpacesRequestsOutAndSlowsDownAfterA429() async throws {
        let limiter = RateLimiter(requestsPerSecond: 50, burst: 1)
        let start = ContinuousClock.now
        for _ in 0..<11 { try await limiter.acquire() }
        #expect(ContinuousClock.now - start >= .milliseconds(190), "10 intervals of 20 ms at least")
        limiter.recordRateLimited(retryAfterSeconds: nil)
        #expect(limiter.currentRate == 35)
        for _ in 0..<10 { limiter.recordRateLimited(retryAfterSeconds: nil) }
        #expect(limiter.currentRate == 12.5, "never below a quarter of the configured rate")
    }

    @Test(arguments: [
        (#""window": {"from": "2024-01-01", "to": "2024-01-02", "chunk": "month"}"#,
         #"window.chunk: expected one of auto, day, week, none, got "month""#),
        (#""window": {"since": "last-success"}"#, #"window.since: "since": "last-success" needs "stateFile""#),
        (#""window": {"since": "last-success", "lookback": "2 weeks", "stateFile": "s.json"}"#, "window.lookback: expected a duration"),
        (#""window": "yesterday", "source": {"baseURL": "https://x.liner.host", "concurrency": 0}"#, "source.concurrency: expected 1 to 16, got 0"),
        (#""window": "yesterday", "onWarnings": "maybe""#, #"onWarnings: expected one of ignore, exit-4, fail, got "maybe""#),
        (#""window": "yesterday", "filters": {"statusFilter": "both"}"#, #"filters.statusFilter: expected one of server, client, got "both""#),
    ])
    func badResilienceKeysAreRefusedWithTheirPath(_ fragment: String, _ message: String) {
        let source = fragment.contains("\"source\"") ? "" : #""source": {"baseURL": "https://x.liner.host"}, "#
        let json = #"{"version": 1, "# + source + fragment + #", "outputs": [{"format": "csv", "path": "a.csv"}]}"#
        #expect(throws: ExportError.self) { try PipelineLoader.decode(Data(json.utf8), origin: "p.json") }
        do {
            _ = try PipelineLoader.decode(Data(json.utf8), origin: "p.json")
        } catch {
            #expect("\(error)" == "p.json: " + message || "\(error)".hasPrefix("p.json: " + message), "\(error)")
        }
    }
}
