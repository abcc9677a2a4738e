/// The fetch stage's totals over every window, for the run summary.
struct WindowProgress {
    var windows = 0
    var windowsResumed = 0
    var windowsSplit = 0
    /// Requests that counted leads to balance the windows (`WindowBalancer`).
    var windowProbes = 0
    var pages = 0
    var duplicatesSkipped = 0
    var repairPasses = 0
    var serverTotal: Int?
    /// Why windows were fetched again, by kind.
    var anomalies: [String: Int] = [:]
    /// Warnings of the fetch stage by kind (`FetchWarning`).
    var runWarnings: [String: Int] = [:]

    /// A window an interrupted run completed: its `total` counts (its leads when the state did not keep it).
    mutating func addResumed(_ window: RunState.Window) {
        serverTotal = (serverTotal ?? 0) + (window.serverTotal ?? window.leads)
    }

    /// - Parameter isComplete: false for the work spent on a window that was then split (its leads are
    ///   fetched again by the pieces, so its total and leads do not count).
    mutating func add(_ report: WindowReport, isComplete: Bool = true) {
        pages += report.pages
        repairPasses += report.repairPasses
        anomalies.merge(report.anomalies, uniquingKeysWith: +)
        duplicatesSkipped += report.duplicatesSkipped
        if report.pagesOverLimit > 0 { runWarnings[FetchWarning.serverIgnoredLimit.rawValue, default: 0] += report.pagesOverLimit }
        guard isComplete else { return }
        if let total = report.serverTotal { serverTotal = (serverTotal ?? 0) + total }
        if report.leadsBeyondTotal > 0 { runWarnings[FetchWarning.leadsLeftFilter.rawValue, default: 0] += report.leadsBeyondTotal }
    }
}
