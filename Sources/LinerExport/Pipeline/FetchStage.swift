import Logging

/// The fetch stage: every window of the run not yet complete, fetched into the sink it is given
/// (its spool, or the outputs directly) and saved in the checkpoint as it completes or is split.
struct FetchStage {
    let spec: PipelineSpec
    let client: LinerClient
    let checkpoint: RunCheckpoint
    let logger: Logger

    /// Fetches the plan's windows not yet complete, each into the sink `makeSink` gives it.
    /// - Parameter normalize: normalizes each page in its own task as it arrives, handing the sinks
    ///   prepared leads; nil leaves normalizing to whoever reads the sink.
    /// - Parameter windowsChanged: told the run's windows each time one completes or is split.
    /// - Returns: the fetch's totals over every window.
    func fetch(
        _ plan: RunPlanner.Plan, normalize: NormalizeStage? = nil, makeSink: (FetchWindow) throws -> LeadSink,
        windowsChanged: ([RunState.Window]) -> Void = { _ in }
    ) async throws -> WindowProgress {
        let fetcher = WindowFetcher(
            client: client, pageSize: spec.source.pageSize, concurrency: spec.source.concurrency,
            orderIds: spec.filters.orderIds, statusIds: spec.filters.serverStatusIds, logger: logger, normalize: normalize)
        var run = plan.run
        var progress = WindowProgress()
        progress.windowsResumed = plan.windowsResumed
        progress.windowProbes = plan.windowProbes
        // A first wave exists only for a new run of one window: its pages and the plan's `total` serve
        // that window, not the pieces it may be split into.
        var firstWave = plan.firstWave
        var index = 0
        while index < run.windows.count {
            let entry = run.windows[index]
            guard !entry.isComplete else {
                // Completed by the interrupted run this one resumes: its leads are in the outputs all the same.
                progress.addResumed(entry)
                index += 1
                continue
            }
            client.counters.startWindow(index + 1, of: run.windows.count)
            let expectedLeads = firstWave == nil ? nil : client.counters.progress.expectedLeads
            switch try await fetcher.fetch(entry.window, into: makeSink(entry.window), expectedLeads: expectedLeads, firstWave: firstWave) {
            case .split(let pieces, let report):
                firstWave = nil
                progress.windowsSplit += 1
                progress.add(report, isComplete: false)
                client.counters.discardLeads(report.leads)
                run.windows.replaceSubrange(index...index, with: pieces.map { RunState.Window(window: $0) })
            case .complete(let report):
                progress.add(report)
                run.windows[index].isComplete = true
                run.windows[index].leads = report.leads
                run.windows[index].serverTotal = report.serverTotal
                index += 1
                logger.info("window complete", metadata: [
                    "window": "\(index)/\(run.windows.count)", "leads": .stringConvertible(report.leads),
                    "repairPasses": .stringConvertible(report.repairPasses),
                ])
            }
            try checkpoint.save(run)
            windowsChanged(run.windows)
        }
        progress.windows = run.windows.count
        client.counters.enter(.writing)
        return progress
    }
}
