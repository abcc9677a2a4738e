import Logging

/// Makes a `ShardPlan`: the run's windows as `run` would cut them, each window's lead count probed
/// (one request for one lead), and the windows dealt to the shards largest first, each to the shard
/// holding the fewest leads so far.
struct ShardPlanner {
    let spec: PipelineSpec
    let client: LinerClient
    let logger: Logger

    func plan(_ range: ResolvedWindow, shards: Int) async throws -> ShardPlan {
        let planned = try await RunPlanner(spec: spec, client: client, logger: logger).windows(range)
        let windows = planned.windows
        // `chunk: auto` knows each window's count from balancing; other windows are asked for theirs.
        let counts = try await probeCounts(windows, known: planned.leads)
        let formatter = TimestampFormatter(timeZone: range.timeZone)
        let assigned = Self.deal(counts, to: shards)
        return ShardPlan(
            pipeline: spec.name, fingerprint: ShardPlan.fingerprint(of: spec, range: range),
            fromMilliseconds: range.from.millisecondsSinceEpoch, toMilliseconds: range.to.millisecondsSinceEpoch,
            timeZone: range.timeZone.identifier, shards: shards,
            windows: windows.indices.map { index in
                ShardPlan.Window(
                    fromMilliseconds: windows[index].fromMilliseconds, toMilliseconds: windows[index].toMilliseconds,
                    from: formatter.iso8601(windows[index].from), to: formatter.iso8601(windows[index].to),
                    leads: counts[index], shard: assigned[index])
            })
    }

    /// The shard of each window: largest window first (ties: the earlier), each to the shard holding the
    /// fewest leads so far (ties: the lower index). Deterministic, and within the largest window of even.
    static func deal(_ counts: [Int], to shards: Int) -> [Int] {
        var load = Array(repeating: 0, count: max(1, shards))
        var assigned = Array(repeating: 0, count: counts.count)
        for index in counts.indices.sorted(by: { (counts[$0], $1) > (counts[$1], $0) }) {
            let shard = load.indices.min { (load[$0], $0) < (load[$1], $1) } ?? 0
            assigned[index] = shard
            load[shard] += counts[index]
        }
        return assigned
    }

    /// Each window's `total`: `known` where it is not nil, else asked for, `concurrency` requests at a time.
    private func probeCounts(_ windows: [FetchWindow], known: [Int?]) async throws -> [Int] {
        let unknown = windows.indices.filter { known[$0] == nil }
        let asked = try await client.leadTotals(
            unknown.map { windows[$0].query(orderIds: spec.filters.orderIds, statusIds: spec.filters.serverStatusIds) },
            concurrency: spec.source.concurrency)
        var counts = known
        for (index, total) in zip(unknown, asked) {
            guard let total else {
                throw ExportError.badResponse(
                    "the server gave no total for \(windows[index].from)…\(windows[index].to); a plan needs each window's count")
            }
            counts[index] = total
        }
        return counts.map { $0 ?? 0 }
    }
}
