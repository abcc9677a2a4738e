import Foundation

/// What the state file remembers between runs of one pipeline: the run in progress (its windows and
/// which are complete, their leads spooled beside the file) and the last successful run (for
/// `"since": "last-success"`). It never holds the token, and it is replaced atomically.
struct RunState: Codable, Equatable {
    /// One window of the run in progress.
    struct Window: Codable, Equatable {
        var window: FetchWindow
        var isComplete = false
        var leads = 0
        /// The server's `total` for the window when it completed (nil in state files from before it was kept).
        var serverTotal: Int?
    }

    /// The run that has not published yet.
    struct InProgress: Codable, Equatable {
        /// What must match for a later run to continue this one (source, filters, range).
        var fingerprint: String
        var fromMilliseconds: Int64
        var toMilliseconds: Int64
        var windows: [Window]
        var startedAt: String
        /// The server's `total` for the whole range when the run asked for it, for a resumed run's progress.
        var total: Int?
    }

    /// The last run that published its files.
    struct LastSuccess: Codable, Equatable {
        var fromMilliseconds: Int64
        var toMilliseconds: Int64
        /// Readable copies of the bounds, for a person looking at the file.
        var from: String
        var to: String
        var finishedAt: String
        var leads: Int
        /// Ids exported from the lookback's span at the end of the range: the next run skips them.
        var tailIDs: [Int64]
    }

    var version = 1
    var pipeline: String
    var lastSuccess: LastSuccess?
    var inProgress: InProgress?
    /// With changes capture: the generation of tracked leads the last success published
    /// (`<state>.tracked-<generation>.index` and `.values`); nil before the first.
    var trackedLeads: String?

    init(pipeline: String) { self.pipeline = pipeline }
}
