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
    /// Waits for the clock the reporter was given to move on by a duration.
    let sleep: @Sendable (Duration) async throws -> Void
    /// Starts a stopwatch on that clock: the function returned tells the time since.
    let startStopwatch: @Sendable () -> @Sendable () -> Duration
    let write: @Sendable (String) -> Void

    /// - Parameter intervalSeconds: default 0.25 s for a bar, 10 s for lines.
    /// - Parameter clock: paces the reports and times the run for the pace and ETA they show; the
    ///   continuous clock by default (tests pass one they advance themselves).
    /// - Parameter write: where the bar goes; standard error by default.
    public init(
        style: Style, intervalSeconds: Double? = nil, logger: Logger, clock: some Clock<Duration> = ContinuousClock(),
        write: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }
    ) {
        self.style = style
        self.intervalSeconds = intervalSeconds ?? (style == .bar ? 0.25 : 10)
        self.logger = logger
        self.sleep = { try await clock.sleep(for: $0) }
        self.startStopwatch = {
            let started = clock.now
            return { started.duration(to: clock.now) }
        }
        self.write = write
    }

    /// Starts reporting the counters of a run; cancel the task (and await it) to stop.
    func start(_ counters: FetchCounters) -> Task<Void, Never> {
        let elapsed = startStopwatch()
        return Task { [self] in
            var lastLine = ""
            while !Task.isCancelled {
                try? await sleep(.milliseconds(Int64(intervalSeconds * 1000)))
                if Task.isCancelled { break }
                let progress = counters.progress
                let snapshot = ProgressSnapshot(
                    pages: progress.pages, leads: progress.leads, expectedLeads: progress.expectedLeads,
                    retries: counters.retries.values.reduce(0, +), elapsedSeconds: elapsed().seconds)
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
