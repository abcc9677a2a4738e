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
        #expect(over.fraction == 0.99 && over.etaSeconds == 0, "leads that joined the range: not done until the fetch is")
        #expect(over.line.hasPrefix("6000/5000 leads (99%)"))
    }

    /// With `chunk: day`, in a repair pass, and once every lead is in: where the run is, and 100 % at last.
    @Test func snapshotTellsTheWindowTheRepairPassAndThePhase() {
        var snapshot = ProgressSnapshot(
            pages: 30, leads: 3_000, expectedLeads: 9_900, retries: 0, elapsedSeconds: 10, resumedLeads: 1_000,
            window: .init(index: 3, count: 7))
        #expect(snapshot.line == "3000/9900 leads (30%), window 3/7, 30 pages, 200 leads/s, ETA 0:35, 0 retries",
                "the pace counts only what this run fetched: 2000 leads in 10 s")
        snapshot.repairPass = 1
        #expect(snapshot.line == "3000/9900 leads (30%), window 3/7 repair pass 1, 30 pages, 200 leads/s, ETA 0:35, 0 retries")
        snapshot.leads = 9_900
        snapshot.phase = .writing
        #expect(snapshot.line == "9900/9900 leads (100%), writing outputs, 30 pages, 0 retries", "no pace once fetched")
        snapshot.phase = .zippingXLSX
        #expect(snapshot.render(columns: 80) == "[" + String(repeating: "#", count: 19) + "] 9900/9900 leads (100%), zipping XLSX, 30 pages, 0 retries")
        snapshot.phase = .fetching
        #expect(snapshot.render(columns: 60) == "9900/9900 leads (99%), window 3/7 repair pass 1",
                "59 columns: the retries, pages, pace and ETA go first, then the bar")
        #expect(snapshot.render(columns: 40) == "9900/9900 leads (99%)")
        let one = ProgressSnapshot(pages: 1, leads: 100, expectedLeads: 200, retries: 0, elapsedSeconds: 1, window: .init(index: 1, count: 1))
        #expect(!one.line.contains("window"), "one window: nothing to count")
    }

    /// The bar line fits the terminal, one column short of its width, dropping the least useful parts first.
    @Test(arguments: [20, 40, 60, 80, 100, 200])
    func renderFitsTheTerminal(columns: Int) {
        let snapshots = [
            ProgressSnapshot(
                pages: 421, leads: 42_601, expectedLeads: 99_900, retries: 12, elapsedSeconds: 150, window: .init(index: 13, count: 17),
                repairPass: 2),
            ProgressSnapshot(pages: 3, leads: 300, expectedLeads: nil, retries: 0, elapsedSeconds: 2),
            ProgressSnapshot(pages: 990, leads: 99_000, expectedLeads: 99_000, retries: 0, elapsedSeconds: 300, phase: .zippingXLSX),
        ]
        for snapshot in snapshots {
            let line = snapshot.render(columns: columns)
            #expect(line.count <= columns - 1, "\(line)")
            #expect(line.contains(snapshot.expectedLeads.map { "\(snapshot.leads)/\($0) leads" } ?? "\(snapshot.leads) leads")
                || columns < 30, "\(line)")
            if columns >= 80 && snapshot.expectedLeads != nil {
                #expect(line.hasPrefix("[") && line.contains("%)"), "\(line)")
                if snapshot.phase == .fetching { #expect(line.contains("ETA ") && line.contains("window 13/17 repair pass 2"), "\(line)") }
            }
        }
        #expect(snapshots[0].render(columns: 200) == "[" + String(repeating: "#", count: 12) + String(repeating: "-", count: 18) + "] "
            + snapshots[0].line, "room for everything: the whole line and a full bar")
    }

    /// A log line written while the bar is shown clears the bar, prints, and draws the bar again: on a
    /// terminal, the lines scroll up and the bar stays alone on the bottom line.
    @Test func logLinesGoAboveTheBar() {
        let terminal = TextLines()
        let statusLine = StatusLine { terminal.append($0) }
        let logger = Logger(label: "test") { _ in
            StatusLineLogHandler(LineHandler { terminal.append($0 + "\n") }, statusLine: statusLine)
        }
        logger.info("before any bar")
        statusLine.show("[##--] 2/4 leads")
        logger.info("while the bar is shown")
        statusLine.show("[###-] 3/4 leads")
        logger.warning("another")
        statusLine.clear()
        let screen = TerminalScreen(terminal.all.joined())
        #expect(screen.lines == ["before any bar", "while the bar is shown", "another"])
        #expect(screen.bottom == "")
        #expect(screen.frames == ["[##--] 2/4 leads", "[##--] 2/4 leads", "[###-] 3/4 leads", "[###-] 3/4 leads"],
                "each frame drawn again after the line printed above it")
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
            style == .lines ? "progress: " + snapshot.line : "\r\u{1B}[K" + snapshot.render(columns: 80)
        }

        let reporting = reporter.start(counters)
        await clock.sleeps(reaching: 1)
        for _ in 0..<12 { counters.recordPage(newLeads: 100) }
        clock.advance(by: .seconds(1))
        #expect(reports().isEmpty, "half an interval: still asleep")
        clock.advance(by: .seconds(1))
        await clock.sleeps(reaching: 2)  // reported, asleep again
        #expect(reports() == [report(ProgressSnapshot(pages: 12, leads: 1_200, expectedLeads: 5_000, retries: 0, elapsedSeconds: 2))])

        counters.recordPage(newLeads: 100)
        counters.recordRetry("http_503")
        clock.advance(by: .seconds(2))
        await clock.sleeps(reaching: 3)
        #expect(reports().last == report(ProgressSnapshot(pages: 13, leads: 1_300, expectedLeads: 5_000, retries: 1, elapsedSeconds: 4)))
        if style == .lines {
            #expect(logs.entries.last?.metadata["etaSeconds"] == .stringConvertible(12), "3700 leads left at 325 leads/s")
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

extension ProgressReporterTests {
    /// Leads created while the run pages make it fetch windows again and split them: progress counts
    /// each lead once (not every lead of every repair pass) and stays below 100 % until the fetch is over.
    @Test func repairPassesCountEachLeadOnce() async throws {
        var configuration = EndToEndTests.configuration(leads: 3_000)
        configuration.faults.driftEvery = 5
        configuration.faults.latencyMilliseconds = 5
        try await withTemporaryFolder { folder in
            let logs = InMemoryLogHandler()
            let logger = Logger(label: "test") { _ in logs }
            let clock = ManualClock()
            let reporter = ProgressReporter(style: .lines, intervalSeconds: 0.05, logger: logger, clock: clock) { _ in }
            let summary = try await withMockServer(configuration) { server in
                let spec = makeTestPipeline(server: server, folder: folder) {
                    $0.window = EndToEndTests.window
                    $0.source.requestsPerSecond = 0
                    $0.source.concurrency = 1
                }
                let ticking = Task {
                    await server.statistics { statistics in
                        while clock.now.offset < .milliseconds(50) * statistics.leadListRequests {
                            clock.advance(by: .milliseconds(50))
                        }
                        return false
                    }
                }
                defer { ticking.cancel() }
                return try await ExportRunner(spec: spec, apiKey: APIKey(configuration.apiKey), logger: logger).run(progress: reporter)
            }
            #expect(summary.repairPasses + summary.windowsSplit > 0, "the drift made the run repair windows")
            let reports = logs.entries.filter { "\($0.message)".hasPrefix("progress: ") }
            let leads = reports.compactMap { entry -> Int? in
                if case .stringConvertible(let value) = entry.metadata["leads"] { return value as? Int }
                return nil
            }
            #expect(leads.count == reports.count && leads.count >= 5)
            #expect(leads.allSatisfy { $0 <= summary.leads }, "never more than the run exports: \(leads), \(summary.leads)")
            #expect(reports.allSatisfy { !"\($0.message)".contains("(100%)") || "\($0.message)".contains("writing outputs") })
        }
    }

    /// The outputs say which one is being finished: an XLSX is zipped then, which takes a while.
    @Test func outputsTellWhichIsFinishing() throws {
        try withTemporaryFolder { folder in
            let finishing = TextLines()
            let specs = [OutputSpec(format: .csv, path: folder + "/a.csv"), OutputSpec(format: .xlsx, path: folder + "/a.xlsx")]
            let outputs = try OutputSet(
                specs: specs, paths: specs.map(\.path), layout: LeadNormalizerTests.normalizer.layout,
                finishing: { finishing.append($0.rawValue) })
            _ = try outputs.publish()
            #expect(finishing.all == ["csv", "xlsx"])
        }
    }
}

/// Texts collected from any task.
final class TextLines: Sendable {
    private let lines = Mutex<[String]>([])
    func append(_ text: String) { lines.withLock { $0.append(text) } }
    var all: [String] { lines.withLock { $0 } }
}

extension ProgressReporterTests {
    /// Without a terminal to ask, the width is `$COLUMNS`, else 80.
    @Test func terminalWidthFallsBackOnColumnsThenEighty() {
        #expect(TerminalWidth.columns(environment: ["COLUMNS": "132"]) == 132)
        #expect(TerminalWidth.columns(environment: ["COLUMNS": "wide"]) == 80)
        #expect(TerminalWidth.columns(environment: ["COLUMNS": "0"]) == 80)
        #expect(TerminalWidth.columns(environment: [:]) == 80)
    }
}
