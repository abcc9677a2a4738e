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
        var counts = windows.indices.map { known.indices.contains($0) ? known[$0] ?? 0 : 0 }
        let unknown = windows.indices.filter { !known.indices.contains($0) || known[$0] == nil }
        try await withThrowingTaskGroup(of: (Int, Int).self) { group in
            var next = 0
            func probeNext() {
                guard next < unknown.count else { return }
                let index = unknown[next]
                next += 1
                group.addTask { (index, try await count(windows[index])) }
            }
            for _ in 0..<max(1, spec.source.concurrency) { probeNext() }
            while let (index, count) = try await group.next() {
                counts[index] = count
                probeNext()
            }
        }
        return counts
    }

    private func count(_ window: FetchWindow) async throws -> Int {
        let query = window.query(orderIds: spec.filters.orderIds, statusIds: spec.filters.serverStatusIds)
        let data = try await client.get("/v2/lead/", query: query.queryItems(offset: 0, limit: 1))
        guard let total = try LeadPage(offset: 0, data: data).total else {
            throw ExportError.badResponse("the server gave no total for \(window.from)…\(window.to); a plan needs each window's count")
        }
        return total
    }
}
