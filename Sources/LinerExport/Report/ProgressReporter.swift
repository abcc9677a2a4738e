import Foundation
import Logging

/// Reports a run's fetch progress while it runs: a bar redrawn in place on a terminal, or a plain log
/// line every `intervalSeconds` for logs and schedulers (`--log-format json` makes them JSON objects).
public struct ProgressReporter: Sendable {
    /// How progress is shown.
    public enum Style: Sendable {
        /// One line redrawn in place (`\r`), for a terminal; cleared when the run ends.
        case bar
        /// A log line at info level each interval.
        case lines
    }

    public let style: Style
    public let intervalSeconds: Double
    let logger: Logger
    let write: @Sendable (String) -> Void

    /// - Parameter intervalSeconds: default 0.25 s for a bar, 10 s for lines.
    /// - Parameter write: where the bar goes; standard error by default.
    public init(
        style: Style, intervalSeconds: Double? = nil, logger: Logger,
        write: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }
    ) {
        self.style = style
        self.intervalSeconds = intervalSeconds ?? (style == .bar ? 0.25 : 10)
        self.logger = logger
        self.write = write
    }

    /// Starts reporting the counters of a run; cancel the task (and await it) to stop.
    func start(_ counters: FetchCounters) -> Task<Void, Never> {
        let started = ContinuousClock.now
        return Task { [self] in
            var lastLine = ""
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(Int64(intervalSeconds * 1000)))
                if Task.isCancelled { break }
                let progress = counters.progress
                let snapshot = ProgressSnapshot(
                    pages: progress.pages, leads: progress.leads, expectedLeads: progress.expectedLeads,
                    retries: counters.retries.values.reduce(0, +), elapsedSeconds: ExportRunner.seconds(since: started))
                switch style {
                case .bar:
                    lastLine = "\r\u{1B}[K" + snapshot.bar()
                    write(lastLine)
                case .lines:
                    logger.info("progress: \(snapshot.line)", metadata: [
                        "pages": "\(snapshot.pages)", "leads": "\(snapshot.leads)",
                        "total": "\(snapshot.expectedLeads.map(String.init) ?? "")",
                        "leadsPerSecond": "\(Int(snapshot.leadsPerSecond.rounded()))",
                        "etaSeconds": "\(snapshot.etaSeconds.map { String(Int($0.rounded(.up))) } ?? "")",
                        "retries": "\(snapshot.retries)",
                    ])
                }
            }
            if style == .bar && !lastLine.isEmpty { write("\r\u{1B}[K") }
        }
    }
}
