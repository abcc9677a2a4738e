/// Changes capture: `"changes": {"rescan": "30 days"}`. Each run also re-reads every lead created in
/// the trailing rescan range and compares it with what the last successful run published (the tracked
/// leads beside the state file), so outputs marked `"content": "changes"` hold the leads created,
/// updated or archived since, and `"content": "snapshot"` the rescan range as it is now.
public struct ChangesSpec: Sendable, Equatable {
    /// How far back from the window's end leads are re-read and tracked, in seconds.
    public var rescanSeconds: Int64

    /// Changes capture built in code. A value built in code is trusted: nothing checks the range's
    /// bounds or that the pipeline has a state file.
    public init(rescanSeconds: Int64) {
        self.rescanSeconds = rescanSeconds
    }

    /// The shortest rescan range a pipeline file may ask for: one hour.
    static let shortestRescanSeconds: Int64 = 3600
    /// The longest: 400 days (a year of leads, plus slack).
    static let longestRescanSeconds: Int64 = 400 * 86_400
}

/// What an output holds.
public enum OutputContent: String, Sendable, CaseIterable {
    /// The leads created in the run's window (the default; the only content without `changes`).
    case window
    /// Every lead created, updated or archived since the last successful run, once, with `changeType`
    /// and `changedFields` columns first.
    case changes
    /// Every tracked lead of the rescan range with its current values.
    case snapshot
}
