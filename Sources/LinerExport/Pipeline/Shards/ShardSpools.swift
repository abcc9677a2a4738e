/// What the shards of a plan fetched, for `render`: every shard's complete windows and where their
/// leads are spooled, each shard's lock held until `unlock()` so no shard runs while its spool is read.
final class ShardSpools {
    /// Every fetched window of the plan in time order (a plan window split while fetched is its pieces).
    let windows: [RunState.Window]
    /// Each window's spool.
    let paths: [FetchWindow: String]
    private let stores: [StateStore]

    /// - Throws: `ExportError.incomplete` naming the plan's windows not fetched yet, or a shard still running.
    init(plan: ShardPlan, stateFile: String, pipeline: String) throws {
        var stores: [StateStore] = []
        var fetched: [(window: RunState.Window, path: String)] = []
        do {
            for shard in 0..<plan.shards {
                let store = StateStore(path: ShardPlan.shardStatePath(stateFile: stateFile, shard: shard))
                do {
                    try store.lock(pipeline: pipeline)
                } catch let error as ExportError where error == .locked("") {
                    throw ExportError.incomplete(
                        "shard \(shard) of the plan is still running (it holds \(store.lockPath)); render once every shard has finished")
                }
                stores.append(store)
                guard let run = try store.load(pipeline: pipeline).inProgress,
                      run.fingerprint == ShardPlan.shardFingerprint(plan, shard: shard) else { continue }
                fetched += run.windows.filter(\.isComplete).map { ($0, store.spoolPath(for: $0.window)) }
            }
            fetched.sort { $0.window.window.fromMilliseconds < $1.window.window.fromMilliseconds }
            let missing = plan.windows.enumerated().filter { _, planned in
                !Self.covers(fetched.map(\.window.window), planned.fetchWindow)
            }
            guard missing.isEmpty else {
                let named = missing.prefix(10).map { index, window in
                    "window \(index + 1) (\(window.from) to \(window.to), shard \(window.shard))"
                }
                throw ExportError.incomplete(
                    "\(missing.count) of the plan's \(plan.windows.count) windows are not fetched yet: "
                        + named.joined(separator: ", ") + (missing.count > 10 ? ", …" : "")
                        + "; run their shards (`liner-export run PIPELINE --plan PLAN --shard K`), then render again; nothing was written")
            }
        } catch {
            for store in stores { store.unlock() }
            throw error
        }
        self.stores = stores
        windows = fetched.map(\.window)
        paths = Dictionary(fetched.map { ($0.window.window, $0.path) }) { first, _ in first }
    }

    func unlock() {
        for store in stores { store.unlock() }
    }

    /// Whether the fetched windows inside `planned` tile it exactly, from its start to its end.
    private static func covers(_ fetched: [FetchWindow], _ planned: FetchWindow) -> Bool {
        var reached = planned.fromMilliseconds
        for piece in fetched where piece.fromMilliseconds >= planned.fromMilliseconds && piece.toMilliseconds <= planned.toMilliseconds {
            guard piece.fromMilliseconds == reached else { return false }
            reached = piece.toMilliseconds
        }
        return reached == planned.toMilliseconds
    }
}

extension ShardPlan {
    /// What a shard's run in progress is marked with: a shard resumes only its own windows of this plan.
    static func shardFingerprint(_ plan: ShardPlan, shard: Int) -> String {
        "plan \(plan.fingerprint) shard \(shard) of \(plan.shards)"
    }
}
