import Foundation

/// The `createdAt` window to export: `[from, to)`, read in `timeZone`.
///
/// In a pipeline file either an object `{"from": ..., "to": ..., "timeZone": ...}` or a shorthand string:
/// `"yesterday"`, `"today"` (midnight until now) or `"last N days"` (the N whole days before today).
public struct WindowSpec: Sendable, Equatable {
    /// Where the window starts (included).
    public var from: WindowBound
    /// Where the window ends (excluded).
    public var to: WindowBound
    /// IANA zone in which dates without an offset and relative words are read. Default `Europe/Moscow`.
    public var timeZone: TimeZone
    /// How the range is split into windows fetched and checkpointed one by one. Default `auto`.
    public var chunk: WindowChunk
    /// With `auto`: the most leads a window should hold; the range is cut into windows of about the same
    /// count, at most this (a single second holding more stays one window). Default 10,000 (100 pages of 100).
    public var leadsPerWindow: Int
    /// True for `"since": "last-success"`: start where the last successful run ended, minus `lookback`.
    /// Needs `stateFile`. Default false.
    public var sinceLastSuccess: Bool
    /// Seconds re-fetched before the last successful run's end; already exported leads are skipped by id.
    /// Needs `sinceLastSuccess`. Default 0.
    public var lookbackSeconds: Int64
    /// The state file: completed windows, spool, lock and the last success. None: no resume. Default nil.
    public var stateFile: String?

    /// A window built in code, with the pipeline file's defaults.
    ///
    /// A value built in code is trusted: unlike a decoded file, nothing here checks that
    /// `sinceLastSuccess` has a `stateFile` or that a lookback has `sinceLastSuccess`. (That `from`
    /// comes before `to` is checked when a run resolves the window, for both.)
    public init(
        from: WindowBound,
        to: WindowBound,
        timeZone: TimeZone = TimeZone(identifier: "Europe/Moscow")!,
        chunk: WindowChunk = .auto,
        leadsPerWindow: Int = 10_000,
        sinceLastSuccess: Bool = false,
        lookbackSeconds: Int64 = 0,
        stateFile: String? = nil
    ) {
        self.from = from
        self.to = to
        self.timeZone = timeZone
        self.chunk = chunk
        self.leadsPerWindow = leadsPerWindow
        self.sinceLastSuccess = sinceLastSuccess
        self.lookbackSeconds = lookbackSeconds
        self.stateFile = stateFile
    }
}

/// How a long range is cut into windows.
public enum WindowChunk: String, Sendable, CaseIterable {
    /// One window per calendar day (in the window's zone).
    case day
    /// One window per 7 days, from the range's start.
    case week
    /// Windows of about the same number of leads, at most `leadsPerWindow`, cut where the server's
    /// counts say: offsets stay shallow and a crash costs one such window, however skewed the range.
    case auto
    /// The whole range as one window.
    case none
}
