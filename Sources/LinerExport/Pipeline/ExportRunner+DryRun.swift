import AsyncHTTPClient
import Foundation

extension ExportRunner {
    /// What a run would fetch and write, without writing anything: the window, the server's `total`
    /// (one request for one lead), the windows the range would be cut into (`auto` asks for the counts
    /// that balance them, as a run would), and every path.
    ///
    /// It reads the state file (an incremental window, an interrupted run to resume) but neither locks
    /// nor changes it, and checks every path as `run` does before asking the server.
    /// - Throws: `ExportError`, as `run` would for the same failure.
    public func dryRun(now: Date = Date()) async throws -> DryRunPlan {
        do {
            let apiKey = try self.apiKey ?? APIKey.resolve(spec.source)
            try spec.checkStatePaths()
            let checkpoint = try RunCheckpoint(spec: spec, locking: false)
            let window = try checkpoint.window(now: now)
            try spec.checkWritablePaths(for: window)
            let source = spec.source
            return try await HTTPClient.withHTTPClient(configuration: .init(source: source)) { httpClient in
                let client = LinerClient(
                    source: source, httpClient: httpClient, apiKey: apiKey, counters: FetchCounters(), logger: logger,
                    rateLimiter: RateLimiter(requestsPerSecond: source.requestsPerSecond, burst: 1),
                    deadline: .now + .seconds(source.deadlineSeconds))
                let planner = RunPlanner(spec: spec, client: client, logger: logger)
                let total = try await planner.rangeTotal(window)
                let planned: RunPlanner.Windows
                var resumable = 0
                if let previous = checkpoint.interruptedRun(fingerprint: planner.runFingerprint(window)) {
                    planned = RunPlanner.Windows(windows: previous.windows.map(\.window), leads: previous.windows.map { _ in nil })
                    resumable = previous.windows.filter(\.isComplete).count
                } else {
                    planned = try await planner.windows(window, knownTotal: total)
                }
                let paths = spec.outputPaths(for: window)
                var plan = DryRunPlan(
                    spec: spec, window: window, total: total,
                    windows: zip(planned.windows, planned.leads).map { ($0.from, $0.to, $1) }, windowProbes: planned.probes,
                    windowsResumable: resumable, outputPaths: paths, manifestPath: spec.manifestPath(for: window))
                if let rescanFrom = TrackedRange(window: window, changes: spec.changes).rescanFrom {
                    plan.rescan = (rescanFrom, try checkpoint.previousTrackedLeads(columnKeys: []).count)
                }
                return plan
            }
        } catch {
            throw ExportError(wrapping: error)
        }
    }
}
