import Foundation
import Synchronization

/// Requests and retries of a run, by reason, and how far its fetch has come; shared by every request,
/// read for the summary and by progress reports.
public final class FetchCounters: Sendable {
    private struct State {
        var requests = 0
        var retries: [String: Int] = [:]
        var pages = 0
        var leads = 0
        var resumedLeads = 0
        var expectedLeads: Int?
        var window: ProgressSnapshot.WindowPosition?
        var repairPass = 0
        var phase = ProgressSnapshot.Phase.fetching
    }

    private let state = Mutex(State())

    public init() {}

    func recordRequest() { state.withLock { $0.requests += 1 } }
    func recordRetry(_ reason: String) { state.withLock { $0.retries[reason, default: 0] += 1 } }
    /// A page received; `newLeads` of its leads were new to their window (handed to its sink).
    func recordPage(newLeads: Int) { state.withLock { $0.pages += 1; $0.leads += newLeads } }
    /// A window was split: the leads it had taken are fetched again by its pieces.
    func discardLeads(_ leads: Int) { state.withLock { $0.leads -= leads } }
    func expectLeads(_ total: Int?) { state.withLock { $0.expectedLeads = total } }
    /// Leads of windows an interrupted run completed: done already, though not fetched by this run.
    func resumeLeads(_ leads: Int) { state.withLock { $0.leads += leads; $0.resumedLeads += leads } }
    /// The fetch moved on to window `index` (1-based) of `count`, on its first pass.
    func startWindow(_ index: Int, of count: Int) {
        state.withLock { $0.window = .init(index: index, count: count); $0.repairPass = 0 }
    }
    /// The current window is fetched again (1 for the first repair pass).
    func startRepairPass(_ pass: Int) { state.withLock { $0.repairPass = pass } }
    func enter(_ phase: ProgressSnapshot.Phase) { state.withLock { $0.phase = phase } }

    /// HTTP requests sent, retries included.
    public var requests: Int { state.withLock { $0.requests } }
    /// Retries by reason (`http_503`, `http_429`, `transport`, `bad_body`, `success_false`).
    public var retries: [String: Int] { state.withLock { $0.retries } }
    /// Lead pages received (repair passes included) and the leads of the range they added (a lead
    /// served twice, or again by a repair pass, counts once), for progress reports.
    public var progress: (pages: Int, leads: Int, expectedLeads: Int?) {
        state.withLock { ($0.pages, $0.leads, $0.expectedLeads) }
    }

    /// Where the run is, `elapsedSeconds` after it started.
    func snapshot(elapsedSeconds: Double) -> ProgressSnapshot {
        state.withLock {
            ProgressSnapshot(
                pages: $0.pages, leads: $0.leads, expectedLeads: $0.expectedLeads, retries: $0.retries.values.reduce(0, +),
                elapsedSeconds: elapsedSeconds, resumedLeads: $0.resumedLeads, window: $0.window, repairPass: $0.repairPass,
                phase: $0.phase)
        }
    }
}
