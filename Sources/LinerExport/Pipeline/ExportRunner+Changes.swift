extension ExportRunner {
    /// Changes capture's tracker, when the pipeline asks for it: the tracked leads the last success
    /// published, and a writer for the next generation beside the state file.
    func makeChangeTracker(outputs: OutputSet, layout: ColumnLayout, checkpoint: RunCheckpoint, range: TrackedRange) throws -> ChangeTracker? {
        guard spec.changes != nil, let store = checkpoint.store else { return nil }
        let keys = layout.columns.map(\.key)
        let previous = try checkpoint.previousTrackedLeads(columnKeys: keys)
        return ChangeTracker(
            outputs: outputs, layout: layout, previous: previous, next: try TrackedLeadsWriter(statePath: store.path, columnKeys: keys),
            range: range, dates: TimestampParser(sourceTimeZone: spec.normalize.dates.sourceTimeZone))
    }

    /// After a complete rescan: settles the tracked leads it did not serve (looked up by id) and
    /// writes the next generation of tracked leads, made current when the run publishes.
    /// - Returns: the new generation.
    func finishTracking(_ tracker: ChangeTracker, client: LinerClient, stage: NormalizeStage, collector: LeadCollector) async throws -> String {
        let concurrency = spec.source.concurrency
        try await tracker.settleUnseen(ChangeTracker.Lookup(
            details: { try await client.leadDetails(ids: $0, concurrency: concurrency) },
            matchesFilters: spec.filters.matches, stage: stage, collector: collector, logger: logger))
        tracker.releasePrevious()
        let generation = try tracker.next.finish()
        logger.info("changes", metadata: [
            "created": .stringConvertible(tracker.counts.created), "updated": .stringConvertible(tracker.counts.updated),
            "archived": .stringConvertible(tracker.counts.archived), "tracked": .stringConvertible(tracker.counts.tracked),
        ])
        return generation
    }
}
