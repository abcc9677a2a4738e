import Foundation
import Logging

/// Reports a run's progress while it runs: a bar redrawn in place on a terminal, or a plain log
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
    /// Where the bar is drawn; the run's log lines go above it when its logger writes through it too.
    let statusLine: StatusLine
    /// The terminal's width in columns, read at each redraw (a terminal can be resized).
    let columns: @Sendable () -> Int

    /// - Parameter intervalSeconds: default 0.25 s for a bar, 10 s for lines.
    /// - Parameter clock: paces the reports and times the run for the pace and ETA they show; the
    ///   continuous clock by default (tests pass one they advance themselves).
    /// - Parameter statusLine: where the bar goes; standard error by default. Give the run's log
    ///   handler the same one (`StatusLineLogHandler`) so log lines never land on the bar.
    /// - Parameter columns: the width the bar fits in; the terminal's (`TerminalWidth.current`) by default.
    public init(
        style: Style, intervalSeconds: Double? = nil, logger: Logger, clock: some Clock<Duration> = ContinuousClock(),
        statusLine: StatusLine = StatusLine(), columns: @escaping @Sendable () -> Int = { TerminalWidth.current() }
    ) {
        self.style = style
        self.intervalSeconds = intervalSeconds ?? (style == .bar ? 0.25 : 10)
        self.logger = logger
        self.sleep = { try await clock.sleep(for: $0) }
        self.startStopwatch = {
            let started = clock.now
            return { started.duration(to: clock.now) }
        }
        self.statusLine = statusLine
        self.columns = columns
    }

    /// - Parameter write: where the bar goes, as text with its `\r` and erase sequences.
    public init(
        style: Style, intervalSeconds: Double? = nil, logger: Logger, clock: some Clock<Duration> = ContinuousClock(),
        columns: @escaping @Sendable () -> Int = { 80 }, write: @escaping @Sendable (String) -> Void
    ) {
        self.init(
            style: style, intervalSeconds: intervalSeconds, logger: logger, clock: clock, statusLine: StatusLine(write: write),
            columns: columns)
    }

    /// Starts reporting the counters of a run; cancel the task (and await it) to stop.
    func start(_ counters: FetchCounters) -> Task<Void, Never> {
        let elapsed = startStopwatch()
        return Task { [self] in
            while !Task.isCancelled {
                try? await sleep(.milliseconds(Int64(intervalSeconds * 1000)))
                if Task.isCancelled { break }
                report(counters.snapshot(elapsedSeconds: elapsed().seconds))
            }
            if style == .bar { statusLine.clear() }
        }
    }

    func report(_ snapshot: ProgressSnapshot) {
        switch style {
        case .bar:
            statusLine.show(snapshot.render(columns: columns()))
        case .lines:
            var metadata: Logger.Metadata = [
                "pages": .stringConvertible(snapshot.pages), "leads": .stringConvertible(snapshot.leads),
                "leadsPerSecond": .stringConvertible(Int(snapshot.leadsPerSecond.rounded())),
                "retries": .stringConvertible(snapshot.retries),
            ]
            if let total = snapshot.expectedLeads { metadata["total"] = .stringConvertible(total) }
            if let eta = snapshot.etaSeconds { metadata["etaSeconds"] = .stringConvertible(Int(eta.rounded(.up))) }
            if let window = snapshot.window {
                metadata["window"] = .stringConvertible(window.index)
                metadata["windows"] = .stringConvertible(window.count)
            }
            if snapshot.repairPass > 0 { metadata["repairPass"] = .stringConvertible(snapshot.repairPass) }
            logger.info("progress: \(snapshot.line)", metadata: metadata)
        }
    }
}
