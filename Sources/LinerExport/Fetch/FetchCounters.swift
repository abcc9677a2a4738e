import Foundation
import Synchronization

/// Requests and retries of a run, by reason, and pages and leads received; shared by every request, read for the summary.
public final class FetchCounters: Sendable {
    private struct State {
        var requests = 0
        var retries: [String: Int] = [:]
        var pages = 0
        var leads = 0
        var expectedLeads: Int?
    }

    private let state = Mutex(State())

    public init() {}

    func recordRequest() { state.withLock { $0.requests += 1 } }
    func recordRetry(_ reason: String) { state.withLock { $0.retries[reason, default: 0] += 1 } }
    func recordPage(leads: Int) { state.withLock { $0.pages += 1; $0.leads += leads } }
    func expectLeads(_ total: Int?) { state.withLock { $0.expectedLeads = total } }

    /// HTTP requests sent, retries included.
    public var requests: Int { state.withLock { $0.requests } }
    /// Retries by reason (`http_503`, `http_429`, `transport`, `bad_body`, `success_false`).
    public var retries: [String: Int] { state.withLock { $0.retries } }
    /// Lead pages received (repair passes included) and the leads they held, for progress reports.
    public var progress: (pages: Int, leads: Int, expectedLeads: Int?) {
        state.withLock { ($0.pages, $0.leads, $0.expectedLeads) }
    }
}
