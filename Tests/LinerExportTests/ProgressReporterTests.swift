import Foundation
import InMemoryLogging
import LinerMock
import Logging
import Synchronization
import Testing
@testable import LinerExport

/// Progress while a run fetches: the lines and the bar it draws, and the run feeding them.
struct ProgressReporterTests {
    @Test func snapshotLineAndBar() {
        let snapshot = ProgressSnapshot(pages: 12, leads: 1_200, expectedLeads: 5_000, retries: 2, elapsedSeconds: 4)
        #expect(snapshot.line == "1200/5000 leads (24%), 12 pages, 300 leads/s, ETA 0:13, 2 retries")
        #expect(snapshot.bar(width: 10) == "[##--------] " + snapshot.line)
        let unknown = ProgressSnapshot(pages: 3, leads: 300, expectedLeads: nil, retries: 0, elapsedSeconds: 2)
        #expect(unknown.line == "300 leads, 3 pages, 150 leads/s, 0 retries")
        #expect(unknown.bar() == unknown.line)
        #expect(ProgressSnapshot.clock(3_723) == "1:02:03")
        let over = ProgressSnapshot(pages: 60, leads: 6_000, expectedLeads: 5_000, retries: 0, elapsedSeconds: 1)
        #expect(over.fraction == 1 && over.etaSeconds == 0, "repair passes can serve more than total")
    }

    @Test(arguments: [ProgressReporter.Style.lines, .bar])
    func reportsOncePerIntervalOfItsClock(style: ProgressReporter.Style) async {
        let clock = ManualClock()
        let logs = InMemoryLogHandler()
        let drawn = TextLines()
        let reporter = ProgressReporter(style: style, intervalSeconds: 2, logger: Logger(label: "test") { _ in logs }, clock: clock) {
            drawn.append($0)
        }
        let counters = FetchCounters()
        counters.expectLeads(5_000)
        func reports() -> [String] {
            style == .lines ? logs.entries.map { "\($0.message)" } : drawn.all
        }
        func report(_ snapshot: ProgressSnapshot) -> String {
            style == .lines ? "progress: " + snapshot.line : "\r\u{1B}[K" + snapshot.bar()
        }

        let reporting = reporter.start(counters)
        await clock.sleeps(reaching: 1)
        for _ in 0..<12 { counters.recordPage(leads: 100) }
        clock.advance(by: .seconds(1))
        #expect(reports().isEmpty, "half an interval: still asleep")
        clock.advance(by: .seconds(1))
        await clock.sleeps(reaching: 2)  // reported, asleep again
        #expect(reports() == [report(ProgressSnapshot(pages: 12, leads: 1_200, expectedLeads: 5_000, retries: 0, elapsedSeconds: 2))])

        counters.recordPage(leads: 100)
        counters.recordRetry("http_503")
        clock.advance(by: .seconds(2))
        await clock.sleeps(reaching: 3)
        #expect(reports().last == report(ProgressSnapshot(pages: 13, leads: 1_300, expectedLeads: 5_000, retries: 1, elapsedSeconds: 4)))
        if style == .lines {
            #expect(logs.entries.last?.metadata["etaSeconds"] == "12", "3700 leads left at 325 leads/s")
        }

        reporting.cancel()
        await reporting.value
        #expect(reports().count == (style == .lines ? 2 : 3))
        if style == .bar { #expect(drawn.all.last == "\r\u{1B}[K", "the bar is cleared at the end") }
    }

    /// Whether `report` shows a fetch under way: pages in, not all, an ETA.
    static func isMidRun(_ report: String) -> Bool {
        !report.contains(" 0 pages") && !report.contains("(100%)") && report.contains("ETA ")
    }

    @Test(arguments: [ProgressReporter.Style.lines, .bar])
    func runReportsProgressWhileItFetches(style: ProgressReporter.Style) async throws {
        var configuration = EndToEndTests.configuration(leads: 3_000)
        configuration.faults.latencyMilliseconds = 20
        try await withTemporaryFolder { folder in
            let logs = InMemoryLogHandler()
            let logger = Logger(label: "test") { _ in logs }
            let drawn = TextLines()
            let clock = ManualClock()
            let reporter = ProgressReporter(style: style, intervalSeconds: 0.05, logger: logger, clock: clock) { drawn.append($0) }
            let summary = try await withMockServer(configuration) { server in
                let spec = makeTestPipeline(server: server, folder: folder) {
                    $0.window = EndToEndTests.window
                    $0.source.requestsPerSecond = 0
                    $0.source.concurrency = 1
                }
                // An interval passes each time a lead-list request arrives, while the run waits for its page:
                // the reports come mid-run however fast or busy the machine is.
                // (The server checks conditions one at a time, so the clock is only advanced here.)
                let ticking = Task {
                    await server.statistics { statistics in
                        while clock.now.offset < .milliseconds(50) * statistics.leadListRequests {
                            clock.advance(by: .milliseconds(50))
                        }
                        return false
                    }
                }
                defer { ticking.cancel() }
                return try await ExportRunner(spec: spec, apiKey: APIKey(configuration.apiKey), logger: logger)
                    .run(progress: reporter)
            }
            let reports = style == .lines
                ? logs.entries.map { "\($0.message)" }.filter { $0.hasPrefix("progress: ") }
                : drawn.all.filter { $0.hasPrefix("\r\u{1B}[K[") }
            // Before the first request has told `total`, a report can only count.
            let withTotal = reports.filter { $0.contains("/\(summary.serverTotal ?? -1) leads (") }
            #expect(withTotal.count >= 5, "a report for each of the run's 30 pages or so: \(reports)")
            #expect(withTotal.contains(where: Self.isMidRun), "\(reports)")
            #expect(reports.allSatisfy { $0.contains(" retries") && $0.contains(" leads/s") })
            if style == .bar { #expect(drawn.all.last == "\r\u{1B}[K", "the bar is cleared at the end") }
            let pages = reports.compactMap { $0.firstMatch(of: /, (\d+) pages/).flatMap { Int($0.1) } }
            #expect(pages == pages.sorted() && (pages.last ?? 0) <= summary.pages)
        }
    }
}

/// Texts collected from any task.
final class TextLines: Sendable {
    private let lines = Mutex<[String]>([])
    func append(_ text: String) { lines.withLock { $0.append(text) } }
    var all: [String] { lines.withLock { $0 } }
}
