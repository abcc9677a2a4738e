/// The render stage: hands the fetched leads to the collector, which writes them to every output in
/// window order.
///
/// Without a state file there is nothing to resume: leads are normalized in their page's task as
/// pages arrive (spreading over the cores) and written in order straight away. With one, each window
/// is fetched into a spool checkpointed in the state and rendered once it and every window before it
/// are complete, so a resumed run publishes exactly the bytes an uninterrupted one would.
struct RenderStage {
    let collector: LeadCollector

    /// Fetches every window and writes its leads as they arrive.
    func renderAsFetched(_ plan: RunPlanner.Plan, fetch: FetchStage) async throws -> WindowProgress {
        try await fetch.fetch(plan, normalize: collector.stage, makeSink: { _ in DirectRenderSink(collector: collector) })
    }

    /// Fetches every window into its spool beside the state file and renders the spools in window
    /// order, each on its own task as soon as it and every window before it are complete, so rendering
    /// one window overlaps fetching the next.
    /// - Parameter spoolPath: where a window's leads are spooled (the store's spool, or a shard's).
    /// - Parameter tailStart: windows starting at or after it are the next incremental run's overlap
    ///   (their ids are remembered); nil for none.
    /// - Parameter range: where each window's leads belong (the run's window, the tracked rescan range).
    func renderSpooled(
        _ plan: RunPlanner.Plan, fetch: FetchStage, spool store: StateStore, spoolPath: @escaping (FetchWindow) -> String,
        tailStart: Int64?, range: TrackedRange
    ) async throws -> WindowProgress {
        try store.prepareSpool()
        let (ready, readyToRender) = AsyncStream.makeStream(of: (path: String, isTail: Bool, placement: WindowPlacement).self)
        // Only the render task touches the collector until the group is done.
        let renderer = RenderTaskCollector(collector: collector)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for await spool in ready {
                    try renderer.collector.collect(spoolPath: spool.path, isTail: spool.isTail, placement: spool.placement)
                }
            }
            var handedOver = 0
            func handOverCompleted(_ windows: [RunState.Window]) {
                while handedOver < windows.count, windows[handedOver].isComplete {
                    let entry = windows[handedOver].window
                    let isTail = tailStart.map { entry.fromMilliseconds >= $0 } ?? false
                    readyToRender.yield((spoolPath(entry), isTail, range.placement(of: entry)))
                    handedOver += 1
                }
            }
            handOverCompleted(plan.run.windows)
            let progress = try await fetch.fetch(
                plan, makeSink: { try LeadSpoolWriter(path: spoolPath($0)) }, windowsChanged: handOverCompleted)
            readyToRender.finish()
            try await group.waitForAll()
            return progress
        }
    }
}

/// Hands the collector to the task that renders spools. It is not thread-safe; while that task
/// runs, nothing else uses it (the fetching task only writes spools).
private struct RenderTaskCollector: @unchecked Sendable {
    let collector: LeadCollector
}
