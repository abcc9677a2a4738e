import Foundation
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
    func runReportsProgressWhileItFetches(style: ProgressReporter.Style) async throws {
        var configuration = EndToEndTests.configuration(leads: 3_000)
        configuration.faults.latencyMilliseconds = 60
        let folder = try makeTemporaryFolder()
        let lines = TextLines()
        let logger = Logger(label: "test") { _ in CapturingLogHandler(lines: lines) }
        let drawn = TextLines()
        let reporter = ProgressReporter(style: style, intervalSeconds: 0.05, logger: logger) { drawn.append($0) }
        let summary = try await withMockServer(configuration) { server in
            let spec = try makePipeline(
                server: server, folder: folder, window: EndToEndTests.window, source: #""requestsPerSecond": 0, "concurrency": 1"#)
            return try await ExportRunner(spec: spec, apiKey: APIKey(configuration.apiKey), logger: logger).run(progress: reporter)
        }
        let reports = style == .lines
            ? lines.all.filter { $0.hasPrefix("progress: ") }
            : drawn.all.filter { $0.hasPrefix("\r\u{1B}[K[") }
        // Before the first request has told `total`, a report can only count.
        let withTotal = reports.filter { $0.contains("/\(summary.serverTotal ?? -1) leads (") }
        #expect(withTotal.count >= 5, "a report every 0.05 s of a run that takes over a second: \(reports)")
        #expect(withTotal.contains { !$0.contains(" 0 pages") && !$0.contains("(100%)") && $0.contains("ETA ") }, "\(reports)")
        #expect(reports.allSatisfy { $0.contains(" retries") && $0.contains(" leads/s") })
        if style == .bar { #expect(drawn.all.last == "\r\u{1B}[K", "the bar is cleared at the end") }
        let pages = reports.compactMap { $0.firstMatch(of: /, (\d+) pages/).flatMap { Int($0.1) } }
        #expect(pages == pages.sorted() && (pages.last ?? 0) <= summary.pages)
    }
}

/// Texts collected from any task.
final class TextLines: Sendable {
    private let lines = Mutex<[String]>([])
    func append(_ text: String) { lines.withLock { $0.append(text) } }
    var all: [String] { lines.withLock { $0 } }
}

/// Keeps each log message in memory.
struct CapturingLogHandler: LogHandler {
    let lines: TextLines
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .info

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        lines.append("\(event.message)")
    }
}
