import AsyncHTTPClient
import Foundation

/// A backfill in shards: `plan` cuts the range and deals its windows to N shards, each shard fetches
/// its windows into a spool of its own beside `window.stateFile` (on a volume they all mount), and
/// `render` writes every output from the spools, as one `run` of the range would.
extension ExportRunner {
    /// What one shard fetched.
    public struct ShardSummary: Sendable {
        public let shard: Int
        public let shards: Int
        public let windows: Int
        public let windowsResumed: Int
        public let leads: Int
        public let requests: Int
        public let durationSeconds: Double

        public var text: String {
            "shard \(shard) of \(shards) (0-based): \(windows) windows fetched"
                + (windowsResumed > 0 ? " (\(windowsResumed) resumed)" : "") + ", \(leads) leads, \(requests) requests, "
                + String(format: "took %.1f s", durationSeconds) + "; render once every shard has finished"
        }
    }

    /// `liner-export plan`: the pipeline's window as a run started `now` would take it, cut into windows
    /// as `run` cuts it, each window's count probed, dealt to `shards` shards.
    /// - Throws: `ExportError.badPipeline` when the pipeline has no `window.stateFile` (the shards' spools go beside it).
    public func plan(shards: Int, now: Date = Date()) async throws -> ShardPlan {
        try requireStateFile()
        let range = try RunCheckpoint(spec: spec, locking: false).window(now: now)
        let apiKey = try self.apiKey ?? APIKey.resolve(spec.source)
        return try await HTTPClient.withHTTPClient(configuration: .init(source: spec.source)) { httpClient in
            let client = LinerClient(
                source: spec.source, httpClient: httpClient, apiKey: apiKey, counters: FetchCounters(), logger: logger,
                rateLimiter: RateLimiter(requestsPerSecond: spec.source.requestsPerSecond, burst: spec.source.concurrency),
                deadline: .now + .seconds(spec.source.deadlineSeconds))
            return try await ShardPlanner(spec: spec, client: client, logger: logger).plan(range, shards: shards)
        }
    }

    /// `run --plan --shard K`: fetches shard `shard`'s windows of `plan` into its spool, resuming what an
    /// interrupted run of the same shard and plan fetched, at `requestsPerSecond / shards`. Writes no output.
    /// - Parameter planPath: named in errors.
    /// - Throws: `ExportError.badArguments` for a plan made for another pipeline or range, or a shard outside it.
    public func fetchShard(_ shard: Int, of plan: ShardPlan, planPath: String, progress: ProgressReporter? = nil) async throws -> ShardSummary {
        let stateFile = try requireStateFile()
        try plan.check(against: spec, path: planPath)
        guard (0..<plan.shards).contains(shard) else {
            throw ExportError.badArguments("--shard: expected 0 to \(plan.shards - 1) (the plan has \(plan.shards) shards), got \(shard)")
        }
        var shardSpec = spec
        shardSpec.window.stateFile = ShardPlan.shardStatePath(stateFile: stateFile, shard: shard)
        // The API's pace is the token's, shared by every shard.
        shardSpec.source.requestsPerSecond = spec.source.requestsPerSecond / Double(plan.shards)
        try shardSpec.checkStatePaths()
        let apiKey = try self.apiKey ?? APIKey.resolve(spec.source)
        let started = ContinuousClock.now
        let counters = FetchCounters()
        let progressTask = progress?.start(counters)
        defer { progressTask?.cancel() }
        let checkpoint = try RunCheckpoint(spec: shardSpec, locking: true)
        defer { checkpoint.unlock() }
        guard let store = checkpoint.store else { throw ExportError.state("the shard keeps no state") }
        let fingerprint = ShardPlan.shardFingerprint(plan, shard: shard)
        let mine = plan.windows.filter { $0.shard == shard }
        var run: RunState.InProgress
        if let previous = checkpoint.interruptedRun(fingerprint: fingerprint) {
            run = previous
            counters.resumeLeads(previous.windows.filter(\.isComplete).reduce(0) { $0 + $1.leads })
        } else {
            store.removeSpool()
            run = RunState.InProgress(
                fingerprint: fingerprint, fromMilliseconds: plan.fromMilliseconds, toMilliseconds: plan.toMilliseconds,
                windows: mine.map { RunState.Window(window: $0.fetchWindow) },
                startedAt: TimestampFormatter(timeZone: .gmt).iso8601(Timestamp(date: currentDate())),
                total: mine.reduce(0) { $0 + $1.leads })
            try checkpoint.save(run)
        }
        counters.expectLeads(run.total)
        let resumed = run.windows.filter(\.isComplete).count
        do {
            let fetched = try await HTTPClient.withHTTPClient(configuration: .init(source: shardSpec.source)) { httpClient in
                let client = LinerClient(
                    source: shardSpec.source, httpClient: httpClient, apiKey: apiKey, counters: counters, logger: logger,
                    rateLimiter: RateLimiter(requestsPerSecond: shardSpec.source.requestsPerSecond, burst: shardSpec.source.concurrency),
                    deadline: started + .seconds(spec.source.deadlineSeconds))
                try store.prepareSpool()
                return try await FetchStage(spec: shardSpec, client: client, checkpoint: checkpoint, logger: logger).fetch(
                    RunPlanner.Plan(run: run, windowsResumed: resumed), makeSink: { try LeadSpoolWriter(path: store.spoolPath(for: $0)) })
            }
            progressTask?.cancel()
            await progressTask?.value
            return ShardSummary(
                shard: shard, shards: plan.shards, windows: fetched.windows, windowsResumed: resumed,
                leads: counters.progress.leads, requests: counters.requests, durationSeconds: (ContinuousClock.now - started).seconds)
        } catch {
            throw ExportError(wrapping: error).resuming(
                "running the same command again resumes this shard (its windows are kept in \(store.path))")
        }
    }

    /// `render --plan`: once every window of `plan` is fetched by its shard, writes every output from
    /// the shards' spools in window order and publishes them with one manifest, as a `run` of the range
    /// would; records the success in `window.stateFile`.
    /// - Throws: `ExportError.incomplete` naming the windows not fetched yet (nothing written).
    public func render(_ plan: ShardPlan, planPath: String, progress: ProgressReporter? = nil) async throws -> RunSummary {
        let stateFile = try requireStateFile()
        try plan.check(against: spec, path: planPath)
        let range = plan.range
        return try await reportingRun(progress: progress) { counters, started in
            try spec.checkStatePaths()
            try spec.checkWritablePaths(for: range)
            let apiKey = try self.apiKey ?? APIKey.resolve(spec.source)
            let spools = try ShardSpools(plan: plan, stateFile: stateFile, pipeline: spec.name)
            defer { spools.unlock() }
            let checkpoint = try RunCheckpoint(spec: spec, locking: true)
            defer { checkpoint.unlock() }
            let run = RunState.InProgress(
                fingerprint: plan.fingerprint, fromMilliseconds: plan.fromMilliseconds, toMilliseconds: plan.toMilliseconds,
                windows: spools.windows, startedAt: TimestampFormatter(timeZone: .gmt).iso8601(Timestamp(date: currentDate())),
                total: spools.windows.reduce(0) { $0 + ($1.serverTotal ?? $1.leads) })
            counters.expectLeads(run.total)
            counters.resumeLeads(spools.windows.reduce(0) { $0 + $1.leads })
            return try await export(range, checkpoint: checkpoint, apiKey: apiKey, started: started, counters: counters, spools: spools.paths) { _ in
                RunPlanner.Plan(run: run)
            }
        }
    }

    /// - Throws: `ExportError.badPipeline` when the pipeline has no state file.
    @discardableResult
    private func requireStateFile() throws -> String {
        guard let stateFile = spec.window.stateFile else {
            throw ExportError.badPipeline(
                "window.stateFile: expected a state file for a plan's shards: each shard spools its windows beside it "
                    + "(on a volume every shard and the render mount)")
        }
        return stateFile
    }
}
