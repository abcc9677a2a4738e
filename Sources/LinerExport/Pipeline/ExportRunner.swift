import AsyncHTTPClient
import Foundation
import Logging
import NIOCore

/// Runs one pipeline: fetch the range window by window, normalize and write every output, then
/// publish every file or none.
///
/// With a state file, each window is fetched into a spool checkpointed in the state and rendered
/// once it and every window before it are complete, so a resumed run publishes exactly the bytes an
/// uninterrupted one would. Without one there is nothing to resume: leads are normalized in their
/// page's task as pages arrive (spreading over the cores) and written in order straight away.
/// Either way a run that fails at any point leaves the published files alone.
public struct ExportRunner: Sendable {
    public let spec: PipelineSpec
    let apiKey: APIKey
    let logger: Logger
    /// The wall-clock time the run's manifest and metrics textfile are stamped with.
    let currentDate: @Sendable () -> Date

    /// - Parameter currentDate: reads the wall-clock time when the run stamps its manifest and metrics
    ///   textfile; the system's clock by default (tests pass fixed times).
    public init(spec: PipelineSpec, apiKey: APIKey, logger: Logger, currentDate: @escaping @Sendable () -> Date = Date.init) {
        self.spec = spec
        self.apiKey = apiKey
        self.logger = logger
        self.currentDate = currentDate
    }

    /// - Parameter now: the moment relative windows (`yesterday`) are resolved against.
    /// - Parameter progress: reports the fetch while it runs; nil for none.
    /// - Throws: `ExportError`; when it throws, no output file was created or replaced (the metrics
    ///   textfile, when the pipeline has one, is replaced either way).
    public func run(now: Date = Date(), progress: ProgressReporter? = nil) async throws -> RunSummary {
        let started = ContinuousClock.now
        let startedAt = currentDate()
        let counters = FetchCounters()
        let progressTask = progress?.start(counters)
        do {
            var summary = try await runLocked(now: now, started: started, counters: counters)
            progressTask?.cancel()
            await progressTask?.value
            let manifestPath = RunManifest.path(spec: spec, outputPaths: summary.files.map(\.path))
            do {
                try RunManifest(spec: spec, summary: summary, startedAt: startedAt, finishedAt: currentDate()).write(to: manifestPath)
                summary.manifestPath = manifestPath
            } catch {
                // The outputs are published and the state has moved on: failing now would lie about both.
                logger.error("the manifest could not be written", metadata: ["path": "\(manifestPath)", "error": "\(error)"])
            }
            Self.writeMetrics(
                spec: spec, logger: logger, .success(summary), finishedAt: currentDate(), durationSeconds: summary.durationSeconds)
            return summary
        } catch {
            progressTask?.cancel()
            await progressTask?.value
            let error = Self.exportError(error)
            if let error = error as? ExportError {
                Self.writeMetrics(
                    spec: spec, logger: logger, .failure(error, requests: counters.requests, retries: counters.retries),
                    finishedAt: currentDate(), durationSeconds: Self.seconds(since: started))
            }
            throw error
        }
    }

    private func runLocked(now: Date, started: ContinuousClock.Instant, counters: FetchCounters) async throws -> RunSummary {
        let store = spec.window.stateFile.map(StateStore.init(path:))
        try store?.lock(pipeline: spec.name)
        defer { store?.unlock() }
        var state = try store?.load(pipeline: spec.name) ?? RunState(pipeline: spec.name)
        let window = try resolveWindow(now: now, state: state)
        let paths = outputPaths(window)
        logger.info("export starting", metadata: ["pipeline": "\(spec.name)", "window": "\(window.description)"])

        let httpClient = HTTPClient(eventLoopGroupProvider: .singleton, configuration: Self.httpConfiguration(spec.source))
        do {
            let summary = try await run(
                window: window, paths: paths, httpClient: httpClient, store: store, state: &state, started: started,
                counters: counters)
            try await httpClient.shutdown()
            return summary
        } catch {
            try? await httpClient.shutdown()
            throw Self.exportError(error)
        }
    }

    /// The pipeline's window; in incremental mode it starts at the last success's end minus the lookback.
    func resolveWindow(now: Date, state: RunState) throws -> ResolvedWindow {
        let configured = try ResolvedWindow(spec.window, now: now)
        guard spec.window.sinceLastSuccess, let last = state.lastSuccess else { return configured }
        let from = Timestamp(millisecondsSinceEpoch: last.toMilliseconds - spec.window.lookbackSeconds * 1000)
        if let interrupted = state.inProgress, interrupted.fromMilliseconds == from.millisecondsSinceEpoch,
           interrupted.toMilliseconds <= configured.to.millisecondsSinceEpoch {
            // Finish the interrupted run's range first (its windows are spooled); the next run takes the rest.
            return ResolvedWindow(
                from: from, to: Timestamp(millisecondsSinceEpoch: interrupted.toMilliseconds), timeZone: configured.timeZone)
        }
        guard from < configured.to else {
            throw ExportError.badPipeline(
                "window: the last successful run ended at \(last.to), after this run's end; nothing to export yet")
        }
        return ResolvedWindow(from: from, to: configured.to, timeZone: configured.timeZone)
    }

    private func run(
        window: ResolvedWindow, paths: [String], httpClient: HTTPClient, store: StateStore?, state: inout RunState,
        started: ContinuousClock.Instant, counters: FetchCounters
    ) async throws -> RunSummary {
        let source = spec.source
        let rateLimiter = RateLimiter(requestsPerSecond: source.requestsPerSecond, burst: source.concurrency)
        let client = LinerClient(
            source: source, httpClient: httpClient, apiKey: apiKey, counters: counters, logger: logger, rateLimiter: rateLimiter,
            deadline: started + .seconds(source.deadlineSeconds))
        // The reference lists and the window plan's `total` are asked for at the same time.
        async let pendingNormalizer = NormalizerFactory(spec: spec, logger: logger).makeNormalizer(client: client)
        var fetch = WindowProgress()
        let firstWave = try await planWindows(window, client: client, store: store, state: &state, progress: &fetch)
        defer { firstWave?.cancel() }
        let normalizer = try await pendingNormalizer

        let metadata = ExportMetadata(
            pipelineName: spec.name, window: window, filters: spec.filters, timeZone: spec.normalize.dates.timeZone)
        let outputs = try OutputSet(specs: spec.outputs, paths: paths, layout: normalizer.layout, metadata: metadata)
        let collector = LeadCollector(normalizer: normalizer, outputs: outputs, logger: logger)
        do {
            if spec.filters.statusFilter == .client && !spec.filters.statusIds.isEmpty {
                collector.keptStatusIds = Set(spec.filters.statusIds.map(Int64.init))
            }
            if let store {
                try await fetchAndRenderSpooled(
                    window, client: client, collector: collector, store: store, state: &state, progress: &fetch,
                    firstWave: firstWave)
            } else {
                var fetcher = windowFetcher(client: client)
                fetcher.prepare = { page in PreparedLead.prepare(page, with: normalizer) }
                try await fetchWindows(
                    fetcher: fetcher, store: nil, state: &state, progress: &fetch, firstWave: firstWave,
                    makeSink: { _ in DirectRenderSink(collector: collector) })
            }
            var warnings = collector.warnings
            warnings.merge(outputs.warnings)
            var runWarnings = fetch.runWarnings
            runWarnings.merge(warnings.counts.reduce(into: [:]) { $0[$1.key.kind.rawValue, default: 0] += $1.value }) { $0 + $1 }
            if spec.onWarnings == .fail && !runWarnings.isEmpty {
                throw ExportError.warningsRefused(
                    "the run counted warnings (\(runWarnings.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))) "
                        + "and onWarnings is \"fail\"; nothing was published")
            }
            let files = try outputs.publish()
            if let store {
                state.lastSuccess = RunState.LastSuccess(
                    fromMilliseconds: window.from.millisecondsSinceEpoch, toMilliseconds: window.to.millisecondsSinceEpoch,
                    from: TimestampFormatter(timeZone: window.timeZone).iso8601(window.from),
                    to: TimestampFormatter(timeZone: window.timeZone).iso8601(window.to),
                    finishedAt: TimestampFormatter(timeZone: .gmt).iso8601(Timestamp(millisecondsSinceEpoch: Int64(Date().timeIntervalSince1970 * 1000))),
                    leads: collector.uniqueLeads, tailIDs: collector.tailIDs)
                state.inProgress = nil
                try store.save(state)
                store.removeSpool()
            }
            var summary = RunSummary(
                window: window, leads: collector.uniqueLeads - collector.secondarySkipped,
                duplicatesSkipped: fetch.duplicatesSkipped + collector.duplicates, serverTotal: fetch.serverTotal,
                repairPasses: fetch.repairPasses, pages: fetch.pages, requests: counters.requests,
                retries: counters.retries, warnings: warnings, files: files,
                durationSeconds: Self.seconds(since: started),
                windows: fetch.windows, windowsResumed: fetch.windowsResumed, windowsSplit: fetch.windowsSplit,
                repairs: fetch.anomalies, overlapSkipped: collector.overlapSkipped, filteredOut: collector.filteredOut,
                runWarnings: runWarnings, rateLimitSlowdowns: rateLimiter.slowdowns, warningPolicy: spec.onWarnings)
            summary.secondarySkipped = collector.secondarySkipped
            return summary
        } catch {
            outputs.discard()
            throw error
        }
    }

    /// Fetches every window into the spool beside the state file and renders the spools in window
    /// order: each window as soon as it and every window before it are complete, on its own task, so
    /// rendering one window overlaps fetching the next.
    private func fetchAndRenderSpooled(
        _ window: ResolvedWindow, client: LinerClient, collector: LeadCollector, store: StateStore, state: inout RunState,
        progress: inout WindowProgress, firstWave: FirstWave?
    ) async throws {
        if spec.window.sinceLastSuccess, let last = state.lastSuccess {
            for id in last.tailIDs { _ = collector.previouslyExported.insert(id) }
        }
        try store.prepareSpool()
        let tailStart = window.to.millisecondsSinceEpoch - spec.window.lookbackSeconds * 1000
        let isIncremental = spec.window.sinceLastSuccess
        let (ready, readyToRender) = AsyncStream.makeStream(of: (path: String, isTail: Bool).self)
        // Only the render task touches the collector until the group is done.
        let renderer = RenderTaskCollector(collector: collector)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for await spool in ready { try renderer.collector.collect(spoolPath: spool.path, isTail: spool.isTail) }
            }
            var handedOver = 0
            func handOverCompleted(_ windows: [RunState.Window]) {
                while handedOver < windows.count, windows[handedOver].isComplete {
                    let entry = windows[handedOver].window
                    readyToRender.yield((store.spoolPath(for: entry), isIncremental && entry.fromMilliseconds >= tailStart))
                    handedOver += 1
                }
            }
            handOverCompleted(state.inProgress?.windows ?? [])
            try await fetchWindows(
                fetcher: windowFetcher(client: client), store: store, state: &state, progress: &progress, firstWave: firstWave,
                makeSink: { try LeadSpoolWriter(path: store.spoolPath(for: $0)) }, windowsChanged: handOverCompleted)
            readyToRender.finish()
            try await group.waitForAll()
        }
    }

    /// Resumes the state's interrupted run when it is this one, else plans the windows of a new run
    /// and saves them in the state.
    /// - Returns: when the new run is one window over the whole range, its first pages, already requested
    ///   with the probe for the plan's `total` (`chunk: auto`).
    private func planWindows(
        _ window: ResolvedWindow, client: LinerClient, store: StateStore?, state: inout RunState, progress: inout WindowProgress
    ) async throws -> FirstWave? {
        let fingerprint = runFingerprint(window)
        if let previous = state.inProgress, previous.fingerprint == fingerprint {
            let done = previous.windows.filter(\.isComplete).count
            logger.info("resuming an interrupted run", metadata: [
                "windowsComplete": "\(done)", "windows": "\(previous.windows.count)", "startedAt": "\(previous.startedAt)",
            ])
            progress.windowsResumed = done
            return nil
        }
        if state.inProgress != nil {
            logger.info("the state holds an interrupted run of another window or source; starting afresh")
        }
        store?.removeSpool()
        var firstWave: FirstWave?
        var total: Int?
        let whole = FetchWindow(from: window.from, to: window.to)
        if spec.window.chunk == .auto {
            let wave = FirstWave(
                client: client, query: whole.query(orderIds: spec.filters.orderIds, statusIds: serverStatusIds),
                pageSize: spec.source.pageSize, count: spec.source.concurrency)
            do {
                total = try await wave.firstPage().total
            } catch {
                wave.cancel()
                throw error
            }
            firstWave = wave
        }
        let windows = try await planWindows(window, client: client, knownTotal: total)
        if windows != [whole] || total == nil {
            firstWave?.cancel()
            firstWave = nil
        }
        state.inProgress = RunState.InProgress(
            fingerprint: fingerprint, fromMilliseconds: window.from.millisecondsSinceEpoch,
            toMilliseconds: window.to.millisecondsSinceEpoch, windows: windows.map { RunState.Window(window: $0) },
            startedAt: TimestampFormatter(timeZone: .gmt).iso8601(Timestamp(millisecondsSinceEpoch: Int64(Date().timeIntervalSince1970 * 1000))))
        try store?.save(state)
        return firstWave
    }

    /// The statuses sent as `statusIds[]`: none when the status filter runs on the client.
    private var serverStatusIds: [Int] { spec.filters.statusFilter == .server ? spec.filters.statusIds : [] }

    private func windowFetcher(client: LinerClient) -> WindowFetcher {
        WindowFetcher(
            client: client, pageSize: spec.source.pageSize, concurrency: spec.source.concurrency,
            orderIds: spec.filters.orderIds, statusIds: serverStatusIds, logger: logger)
    }

    /// Fetches the planned windows not yet complete, each into the sink `makeSink` gives it,
    /// checkpointing each one in the state as it completes.
    /// - Parameter windowsChanged: told the run's windows each time one completes or is split.
    /// - Parameter firstWave: the first pages of a run of one window, already requested.
    private func fetchWindows(
        fetcher: WindowFetcher, store: StateStore?, state: inout RunState, progress: inout WindowProgress,
        firstWave: FirstWave? = nil, makeSink: (FetchWindow) throws -> LeadSink,
        windowsChanged: ([RunState.Window]) -> Void = { _ in }
    ) async throws {
        // A first wave exists only for a new run of one window: its pages and the plan's `total` serve
        // that window, not the pieces it may be split into.
        var firstWave = firstWave
        var index = 0
        while index < state.inProgress!.windows.count {
            let entry = state.inProgress!.windows[index]
            guard !entry.isComplete else {
                index += 1
                continue
            }
            let expectedLeads = firstWave == nil ? nil : fetcher.client.counters.progress.expectedLeads
            switch try await fetcher.fetch(entry.window, into: makeSink(entry.window), expectedLeads: expectedLeads, firstWave: firstWave) {
            case .split(let pieces, let report):
                firstWave = nil
                progress.windowsSplit += 1
                progress.add(report, isComplete: false)
                state.inProgress!.windows.replaceSubrange(index...index, with: pieces.map { RunState.Window(window: $0) })
            case .complete(let report):
                progress.add(report)
                state.inProgress!.windows[index].isComplete = true
                state.inProgress!.windows[index].leads = report.leads
                index += 1
                logger.info("window complete", metadata: [
                    "window": "\(index)/\(state.inProgress!.windows.count)", "leads": "\(report.leads)",
                    "repairPasses": "\(report.repairPasses)",
                ])
            }
            try store?.save(state)
            windowsChanged(state.inProgress!.windows)
        }
        progress.windows = state.inProgress!.windows.count
    }

    /// The windows of a new run; `auto` asks the server for the range's `total` first (one lead).
    /// - Parameter knownTotal: the range's `total` when the caller already asked for it.
    func planWindows(_ window: ResolvedWindow, client: LinerClient, knownTotal: Int? = nil) async throws -> [FetchWindow] {
        var total = knownTotal
        if total == nil && spec.window.chunk == .auto {
            total = try await rangeTotal(window, client: client)
        }
        client.counters.expectLeads(total)
        var boundaries: [Timestamp] = []
        if spec.window.sinceLastSuccess && spec.window.lookbackSeconds > 0 {
            // The overlap with the previous run and the next run's overlap are windows of their own.
            let lookback = spec.window.lookbackSeconds * 1000
            boundaries = [window.from.millisecondsSinceEpoch + lookback, window.to.millisecondsSinceEpoch - lookback]
                .map { Timestamp(millisecondsSinceEpoch: $0 / 1000 * 1000) }
        }
        return WindowPlanner(chunk: spec.window.chunk, timeZone: window.timeZone)
            .plan(from: window.from, to: window.to, total: total, boundaries: boundaries)
    }

    /// The server's `total` for the whole range and the pipeline's filters: one request for one lead.
    func rangeTotal(_ window: ResolvedWindow, client: LinerClient) async throws -> Int? {
        let query = FetchWindow(from: window.from, to: window.to).query(
            orderIds: spec.filters.orderIds, statusIds: spec.filters.statusFilter == .server ? spec.filters.statusIds : [])
        let data = try await client.get("/v2/lead/", query: query.queryItems(offset: 0, limit: 1))
        return try LeadPage(offset: 0, data: data).total
    }

    /// What must be equal for a later run to continue an interrupted one. Never the token.
    func runFingerprint(_ window: ResolvedWindow) -> String {
        let filters = spec.filters
        return [
            spec.source.baseURL, "from=\(window.from.millisecondsSinceEpoch)", "to=\(window.to.millisecondsSinceEpoch)",
            "orders=\(filters.orderIds)", "statuses=\(filters.statusIds)", "statusFilter=\(filters.statusFilter.rawValue)",
            "chunk=\(spec.window.chunk.rawValue)", "lookback=\(spec.window.lookbackSeconds)",
        ].joined(separator: " ")
    }

    /// The rendered path of each output.
    public func outputPaths(_ window: ResolvedWindow) -> [String] {
        spec.outputs.map {
            OutputPathTemplate.render(
                $0.path, name: spec.name, from: window.fileNameLabel(window.from), to: window.fileNameLabel(window.to))
        }
    }

    static func httpConfiguration(_ source: SourceSpec) -> HTTPClient.Configuration {
        var configuration = HTTPClient.Configuration()
        let timeout = TimeAmount.milliseconds(Int64(source.timeoutSeconds * 1000))
        configuration.timeout = .init(connect: .seconds(10), read: timeout)
        configuration.decompression = .enabled(limit: .ratio(100))
        // AsyncHTTPClient opens at most 8 connections per host by default: `concurrency` above 8 would queue.
        // Three more for the reference lists, asked for while the first pages are in flight.
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = max(8, source.concurrency + 3)
        return configuration
    }

    /// Whatever escaped as another error type becomes an `ExportError`, so the CLI has one shape to print.
    static func exportError(_ error: Error) -> Error {
        if error is ExportError { return error }
        if error is CancellationError { return ExportError.interrupted("the run was interrupted; nothing was published") }
        return ExportError.transport("\(error)")
    }

    static func seconds(since start: ContinuousClock.Instant) -> Double {
        (ContinuousClock.now - start).seconds
    }
}

/// Hands the collector to the task that renders spools. It is not thread-safe; while that task
/// runs, nothing else uses it (the fetching task only writes spools).
private struct RenderTaskCollector: @unchecked Sendable {
    let collector: LeadCollector
}
