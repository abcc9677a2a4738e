import Foundation

/// What a run remembers between runs: the state file with its lock and spool when the pipeline has
/// one (`window.stateFile`), else nothing beyond the process.
///
/// It decides the window (an incremental window starts at the last success's end; an interrupted
/// run's range is finished first), keeps the run in progress — its windows and which are complete —
/// saved after every change, and records the success once the files are published.
final class RunCheckpoint {
    let spec: WindowSpec
    /// The state file and its spool; nil when the pipeline keeps no state.
    let store: StateStore?
    private(set) var state: RunState

    /// Loads the state, taking its lock first when `locking` (a dry run reads it without).
    /// - Throws: `ExportError.locked` when another run holds the lock; `ExportError.state` when the
    ///   file cannot be read.
    init(spec: PipelineSpec, locking: Bool) throws {
        self.spec = spec.window
        store = spec.window.stateFile.map(StateStore.init(path:))
        if locking { try store?.lock(pipeline: spec.name) }
        do {
            state = try store?.load(pipeline: spec.name) ?? RunState(pipeline: spec.name)
        } catch {
            store?.unlock()
            throw error
        }
    }

    /// Releases the lock (also released when the process ends, however it ends).
    func unlock() { store?.unlock() }

    /// The pipeline's window as of `now`; in incremental mode it starts at the last success's end
    /// minus the lookback, or is the interrupted run's range when that run must be finished first.
    func window(now: Date) throws -> ResolvedWindow {
        let configured = try ResolvedWindow(spec, now: now)
        guard spec.sinceLastSuccess, let last = state.lastSuccess else { return configured }
        let from = Timestamp(millisecondsSinceEpoch: last.toMilliseconds - spec.lookbackSeconds * 1000)
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

    /// What the state says about the next run's window, for `validate`.
    var stateDescription: String {
        var parts: [String] = []
        if let last = state.lastSuccess {
            parts.append("last success \(last.from) to \(last.to), \(last.leads) leads"
                + (spec.sinceLastSuccess ? "; the window starts at its end" + (spec.lookbackSeconds > 0 ? " minus the lookback" : "") : ""))
        } else {
            parts.append("no success recorded yet" + (spec.sinceLastSuccess ? "; the first run's window" : ""))
        }
        if state.inProgress != nil { parts.append("an interrupted run is resumed when its window and source match") }
        return parts.joined(separator: "; ")
    }

    /// The interrupted run this one continues: the one in the state, when its fingerprint matches.
    func interruptedRun(fingerprint: String) -> RunState.InProgress? {
        guard let previous = state.inProgress, previous.fingerprint == fingerprint else { return nil }
        return previous
    }

    /// Whether the state holds an interrupted run (of this window or another).
    var hasInterruptedRun: Bool { state.inProgress != nil }

    /// What running the same command again does about the run in progress, when the state file keeps
    /// one: `running the same command again resumes the run (3 of 7 windows done, kept in state/q1.json)`.
    var resumeHint: String? {
        guard let store, let run = state.inProgress else { return nil }
        let done = run.windows.filter(\.isComplete).count
        return "running the same command again resumes the run (\(done) of \(run.windows.count) windows done, kept in \(store.path))"
    }

    /// Ids the last success exported in its lookback span: an incremental run skips them.
    var previouslyExportedIDs: [Int64] {
        spec.sinceLastSuccess ? state.lastSuccess?.tailIDs ?? [] : []
    }

    /// Saves `run` as the run in progress (in memory only without a state file).
    func save(_ run: RunState.InProgress) throws {
        state.inProgress = run
        try store?.save(state)
    }

    /// The tracked leads the last success published (none before the first changes run).
    /// - Throws: `ExportError.state` when the state names tracked leads that cannot be read.
    func previousTrackedLeads(columnKeys: [String]) throws -> TrackedLeads {
        guard let store, let generation = state.trackedLeads else { return TrackedLeads.empty(columnKeys: columnKeys) }
        return try TrackedLeads(statePath: store.path, generation: generation)
    }

    /// Removes what a failed run wrote of the next generation of tracked leads (finished or not): the
    /// last success's stays the current one.
    func discardTrackedLeads(writtenBy writer: TrackedLeadsWriter) {
        writer.discard()
        if let store { TrackedLeadStore.removeGenerations(statePath: store.path, keeping: state.trackedLeads) }
    }

    /// Records a published run: the next incremental run starts from its end; its spool goes, and so do
    /// the tracked leads it replaced.
    /// - Parameter tailIDs: the ids written from the lookback span at the range's end.
    /// - Parameter trackedLeads: the generation of tracked leads the run wrote (changes capture).
    func recordSuccess(
        of window: ResolvedWindow, leads: Int, tailIDs: [Int64], trackedLeads: String? = nil, finishedAt: Date = Date()
    ) throws {
        guard let store else { return }
        if let trackedLeads { state.trackedLeads = trackedLeads }
        let local = TimestampFormatter(timeZone: window.timeZone)
        state.lastSuccess = RunState.LastSuccess(
            fromMilliseconds: window.from.millisecondsSinceEpoch, toMilliseconds: window.to.millisecondsSinceEpoch,
            from: local.iso8601(window.from), to: local.iso8601(window.to),
            finishedAt: TimestampFormatter(timeZone: .gmt).iso8601(Timestamp(date: finishedAt)),
            leads: leads, tailIDs: tailIDs)
        state.inProgress = nil
        try store.save(state)
        store.removeSpool()
        if let trackedLeads { TrackedLeadStore.removeGenerations(statePath: store.path, keeping: trackedLeads) }
    }
}
