import AsyncHTTPClient
import Foundation

extension ExportRunner {
    /// What a run would fetch and write, without writing anything: the window, the server's `total`
    /// (one request for one lead), the windows the range would be cut into, and every path.
    ///
    /// It reads the state file (an incremental window, an interrupted run to resume) but neither locks
    /// nor changes it.
    /// - Throws: `ExportError`, as `run` would for the same failure.
    public func dryRun(now: Date = Date()) async throws -> DryRunPlan {
        let store = spec.window.stateFile.map(StateStore.init(path:))
        let state = try store?.load(pipeline: spec.name) ?? RunState(pipeline: spec.name)
        let window = try resolveWindow(now: now, state: state)
        let source = spec.source
        let httpClient = HTTPClient(eventLoopGroupProvider: .singleton, configuration: Self.httpConfiguration(source))
        do {
            let client = LinerClient(
                source: source, httpClient: httpClient, apiKey: apiKey, counters: FetchCounters(), logger: logger,
                rateLimiter: RateLimiter(requestsPerSecond: source.requestsPerSecond, burst: 1),
                deadline: .now + .seconds(source.deadlineSeconds))
            let total = try await rangeTotal(window, client: client)
            let windows: [FetchWindow]
            var resumable = 0
            if let previous = state.inProgress, previous.fingerprint == runFingerprint(window) {
                windows = previous.windows.map(\.window)
                resumable = previous.windows.filter(\.isComplete).count
            } else {
                windows = try await planWindows(window, client: client, knownTotal: total)
            }
            try await httpClient.shutdown()
            let paths = outputPaths(window)
            return DryRunPlan(
                spec: spec, window: window, total: total, windows: windows.map { ($0.from, $0.to) },
                windowsResumable: resumable, outputPaths: paths,
                manifestPath: RunManifest.path(spec: spec, outputPaths: paths))
        } catch {
            try? await httpClient.shutdown()
            throw Self.exportError(error)
        }
    }
}
