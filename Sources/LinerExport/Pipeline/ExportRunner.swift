import AsyncHTTPClient
import Foundation
import Logging

/// Runs one pipeline: fetch the range window by window, normalize and write every output, then
/// publish every file or none.
///
/// A run, top to bottom: take the state's lock and decide the window (`RunCheckpoint`), then the
/// outputs' lock (`RunLock`); ask the account for its reference lists while planning the windows
/// (`RunPlanner`); fetch every window (`FetchStage`) while the collector normalizes and writes its
/// leads (`RenderStage`, `NormalizeStage`); publish the files and record the success (`PublishStage`);
/// write the manifest and metrics (`RunReporter`). A run that fails at any point leaves the published files alone.
public struct ExportRunner: Sendable {
    public let spec: PipelineSpec
    let apiKey: APIKey?
    let logger: Logger
    /// The wall-clock time the run's manifest and metrics textfile are stamped with.
    let currentDate: @Sendable () -> Date
    /// The exit code of a run stopped from outside (the CLI's 130 after SIGINT), nil when it was not.
    let stopExitCode: @Sendable () -> Int32?

    /// - Parameter apiKey: the token; nil reads it as the pipeline's `source` says (a failure to find
    ///   it is then a failed run, recorded in the metrics textfile).
    /// - Parameter currentDate: reads the wall-clock time when the run stamps its manifest and metrics
    ///   textfile; the system's clock by default (tests pass fixed times).
    /// - Parameter stopExitCode: read when the run fails: the exit code the process will end with because
    ///   a signal stopped the run (128 + the signal), recorded in the metrics textfile instead of the
    ///   error's; nil (the default) when nothing stopped it.
    public init(
        spec: PipelineSpec, apiKey: APIKey? = nil, logger: Logger, currentDate: @escaping @Sendable () -> Date = Date.init,
        stopExitCode: @escaping @Sendable () -> Int32? = { nil }
    ) {
        self.spec = spec
        self.apiKey = apiKey
        self.logger = logger
        self.currentDate = currentDate
        self.stopExitCode = stopExitCode
    }

    /// - Parameter now: the moment relative windows (`yesterday`) are resolved against.
    /// - Parameter progress: reports the fetch while it runs; nil for none.
    /// - Throws: `ExportError`; `.badPipeline` before anything is created when an output cannot be
    ///   written where its path says; when it throws, no output file was created or replaced (the metrics
    ///   textfile, when the pipeline has one, is replaced either way), except for `.output` when the
    ///   outputs were published but the metrics textfile could not be written (its message says so).
    public func run(now: Date = Date(), progress: ProgressReporter? = nil) async throws -> RunSummary {
        try await reportingRun(progress: progress) { counters, started in
            // Before anything is created (the state's folder and lock, the spool): an output that cannot
            // be written fails the run now, not after the fetch. The window is the one the run will take.
            try spec.checkStatePaths()
            try spec.checkWritablePaths(for: RunCheckpoint(spec: spec, locking: false).window(now: now))
            let apiKey = try self.apiKey ?? APIKey.resolve(spec.source)
            let checkpoint = try RunCheckpoint(spec: spec, locking: true)
            defer { checkpoint.unlock() }
            do {
                let window = try checkpoint.window(now: now)
                return try await export(window, checkpoint: checkpoint, apiKey: apiKey, started: started, counters: counters) { client in
                    try await RunPlanner(spec: spec, client: client, logger: logger, wantsTotal: progress != nil)
                        .plan(window, checkpoint: checkpoint)
                }
            } catch {
                throw ExportError(wrapping: error).resuming(checkpoint.resumeHint)
            }
        }
    }

    /// Runs `body` as a run that publishes: progress reported while it lasts, then the manifest and the
    /// metrics textfile for its success, or the metrics textfile for its failure.
    func reportingRun(
        progress: ProgressReporter?, _ body: (FetchCounters, ContinuousClock.Instant) async throws -> RunSummary
    ) async throws -> RunSummary {
        let started = ContinuousClock.now
        let startedAt = currentDate()
        let reporter = RunReporter(spec: spec, logger: logger, currentDate: currentDate)
        let counters = FetchCounters()
        let progressTask = progress?.start(counters)
        let summary: RunSummary
        do {
            summary = try await body(counters, started)
            progressTask?.cancel()
            await progressTask?.value
        } catch {
            progressTask?.cancel()
            await progressTask?.value
            let error = ExportError(wrapping: error)
            reporter.reportFailure(
                error, exitCode: stopExitCode() ?? error.exitCode, counters: counters, durationSeconds: (ContinuousClock.now - started).seconds)
            throw error
        }
        // Outside the `do`: published outputs are not a failed run for the metrics textfile to record.
        return try reporter.reportSuccess(summary, startedAt: startedAt)
    }

    /// Exports `window`: fetches the windows `makePlan` gives (or renders them from their spools when
    /// they are complete), writes every output, publishes them and records the success in `checkpoint`.
    /// - Parameter spools: where complete windows' leads are when not in the checkpoint's own spool
    ///   (the shards' spools, for `render`); nil for the checkpoint's.
    func export(
        _ window: ResolvedWindow, checkpoint: RunCheckpoint, apiKey: APIKey, started: ContinuousClock.Instant,
        counters: FetchCounters, spools: [FetchWindow: String]? = nil,
        plan makePlan: (LinerClient) async throws -> RunPlanner.Plan
    ) async throws -> RunSummary {
        let outputPaths = spec.outputPaths(for: window)
        let outputLock = try lockOutputs(outputPaths)
        defer { outputLock.unlock() }
        logger.info("export starting", metadata: ["pipeline": "\(spec.name)", "window": "\(window.description)"])
        return try await HTTPClient.withHTTPClient(configuration: .init(source: spec.source)) { httpClient in
            let rateLimiter = RateLimiter(requestsPerSecond: spec.source.requestsPerSecond, burst: spec.source.concurrency)
            let client = LinerClient(
                source: spec.source, httpClient: httpClient, apiKey: apiKey, counters: counters, logger: logger,
                rateLimiter: rateLimiter, deadline: started + .seconds(spec.source.deadlineSeconds))
            // The reference lists and the window plan's `total` are asked for at the same time.
            async let pendingNormalizer = NormalizerFactory(spec: spec, logger: logger).makeNormalizer(client: client)
            let plan = try await makePlan(client)
            defer { plan.firstWave?.cancel() }
            let stage = NormalizeStage(normalizer: try await pendingNormalizer, keepsRejects: spec.rejects != nil)

            let outputs = try OutputSet(
                specs: spec.outputs, paths: outputPaths,
                rejects: spec.rejectsPath(for: window).map { ($0, spec.rejects?.delimiter ?? UInt8(ascii: ",")) }, layout: stage.layout,
                metadata: ExportMetadata(
                    pipelineName: spec.name, window: window, filters: spec.filters, timeZone: spec.normalize.dates.timeZone))
            let range = TrackedRange(window: window, changes: spec.changes)
            var tracker: ChangeTracker?
            do {
                tracker = try makeChangeTracker(outputs: outputs, layout: stage.layout, checkpoint: checkpoint, range: range)
                let collector = LeadCollector(
                    stage: stage, records: tracker ?? outputs, filters: spec.filters,
                    previouslyExported: checkpoint.previouslyExportedIDs, logger: logger)
                let fetch = FetchStage(spec: spec, client: client, checkpoint: checkpoint, logger: logger)
                let fetched = try await render(plan, range: range, fetch: fetch, collector: collector, spools: spools)
                var generation: String?
                if let tracker { generation = try await finishTracking(tracker, client: client, stage: stage, collector: collector) }
                let warnings = RunWarnings(fetch: fetched, collector: collector, outputs: outputs)
                let files = try PublishStage(policy: spec.onWarnings, checkpoint: checkpoint)
                    .publish(outputs, window: window, collector: collector, warnings: warnings, trackedLeads: generation)
                var summary = RunSummary(
                    pipeline: spec.name, window: window, fetched: fetched, collected: collector.counts, counters: counters,
                    rateLimitSlowdowns: rateLimiter.slowdowns, warnings: warnings, formulaGuarded: outputs.formulaGuarded, files: files,
                    durationSeconds: (ContinuousClock.now - started).seconds, warningPolicy: spec.onWarnings)
                summary.changes = tracker?.counts
                return summary
            } catch {
                outputs.discard()
                if let tracker { checkpoint.discardTrackedLeads(writtenBy: tracker.next) }
                throw error
            }
        }
    }

    /// Takes `.<pipeline>.lock` beside the first output for the rest of the run, so two runs of the
    /// pipeline never interleave their publishes (the state's lock exists only with a state file); the
    /// file goes when the run ends, leaving the exports' folder as it was.
    /// - Throws: `ExportError.locked` when another run holds it.
    private func lockOutputs(_ outputPaths: [String]) throws -> RunLock {
        let path = spec.outputLockPath(outputPaths: outputPaths)
        let folder = folderPath(of: path)
        // A folder that cannot be created makes the lock's `open` fail, with the reason.
        if !folder.isEmpty { try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        return try RunLock(path: path, pipeline: spec.name, removesFile: true) { ExportError.output($0) }
    }

    /// Fetches and renders every window: spooled beside the state file when there is one (so an
    /// interrupted run resumes), else written as pages arrive.
    private func render(
        _ plan: RunPlanner.Plan, range: TrackedRange, fetch: FetchStage, collector: LeadCollector, spools: [FetchWindow: String]?
    ) async throws -> WindowProgress {
        let render = RenderStage(collector: collector)
        guard let store = fetch.checkpoint.store else { return try await render.renderAsFetched(plan, fetch: fetch) }
        let tailStart = spec.window.sinceLastSuccess ? range.window.to.millisecondsSinceEpoch - spec.window.lookbackSeconds * 1000 : nil
        return try await render.renderSpooled(
            plan, fetch: fetch, spool: store, spoolPath: { spools?[$0] ?? store.spoolPath(for: $0) }, tailStart: tailStart, range: range)
    }
}
