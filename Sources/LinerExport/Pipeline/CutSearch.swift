/// Where to cut `[from, to)` so that each of `pieces` windows holds about `total / pieces` leads,
/// found from counts the server reports: `count(t)`, the leads created in `[from, t)`, which grows
/// with `t` from 0 at `from` to `total` at `to`.
///
/// Cut `k` aims at `k × total / pieces` leads before it and is settled by a probed instant within
/// `tolerance` of that (a twelfth of a window's share, so every window holds its share ±20 %), or by
/// two probed instants one second apart that bracket it: a second cannot be split (the API's bounds
/// are whole seconds), and one holding that many leads becomes a window of its own, cut on both
/// sides. Until then each round proposes one instant per unsettled cut inside its bracket:
/// interpolated on the counts, or halfway when the last interpolation did not halve the bracket, so
/// a bracket at least halves every two probes whatever the density.
struct CutSearch {
    /// A probed instant (a whole second, or the range's bounds) and the leads created before it in the range.
    struct Point: Equatable {
        let milliseconds: Int64
        let count: Int
    }

    let from: Int64
    let to: Int64
    /// Leads before each cut, aimed at: `k × total / pieces` for `k` in `1..<pieces`.
    let targets: [Int]
    let tolerance: Int
    /// Every probed instant in time order, `from` and `to` included; counts never decrease.
    private(set) var points: [Point]
    /// The cuts that settle each settled target: one, both ends of a heavy second, or none.
    private var settled: [Int: [Int64]] = [:]
    /// The width of each unsettled cut's bracket when it last proposed an instant.
    private var lastWidths: [Int: Int64] = [:]

    /// - Parameters:
    ///   - from: the range's start in milliseconds since the epoch (included).
    ///   - to: its end (excluded).
    ///   - total: the leads in the range.
    ///   - pieces: windows wanted, at least 2.
    init(from: Int64, to: Int64, total: Int, pieces: Int) {
        self.from = from
        self.to = to
        targets = (1..<max(2, pieces)).map { Int(Int64(total) * Int64($0) / Int64(max(2, pieces))) }
        tolerance = total / max(2, pieces) / 12
        points = [Point(milliseconds: from, count: 0), Point(milliseconds: to, count: total)]
    }

    /// Records `count(milliseconds)`. A count out of order with its neighbours' (leads created or
    /// archived while probing) is clamped between theirs, so the counts stay ordered.
    mutating func record(milliseconds: Int64, count: Int) {
        let index = points.firstIndex { $0.milliseconds >= milliseconds } ?? points.count
        guard index == points.count || points[index].milliseconds != milliseconds else { return }
        let low = index > 0 ? points[index - 1].count : 0
        let high = index < points.count ? points[index].count : Int.max
        points.insert(Point(milliseconds: milliseconds, count: min(max(count, low), high)), at: index)
    }

    /// Settles what the probes so far settle, and returns the instants (milliseconds, whole seconds)
    /// to probe next, at most one per cut still open; empty when every cut is settled.
    mutating func nextProbes() -> [Int64] {
        var probes = Set<Int64>()
        for (target, aim) in targets.enumerated() where settled[target] == nil {
            let (below, above) = bracket(aim)
            if let near = nearest(aim, among: [below, above].filter { abs($0.count - aim) <= tolerance }) {
                settled[target] = [near]
                continue
            }
            let low = (CivilDate.floorDivide(below.milliseconds, 1000) + 1) * 1000
            let high = CivilDate.floorDivide(above.milliseconds - 1, 1000) * 1000
            guard low <= high else {
                // No whole second lies strictly between: the second starting at `below` holds the aim.
                settled[target] = [below, above].map(\.milliseconds).filter { isCut($0) }
                continue
            }
            let width = above.milliseconds - below.milliseconds
            var probe: Int64
            if let last = lastWidths[target], width > last / 2 {
                probe = below.milliseconds + width / 2
            } else {
                let share = Double(aim - below.count) / Double(max(1, above.count - below.count))
                probe = below.milliseconds + Int64((Double(width) * share).rounded())
            }
            lastWidths[target] = width
            probe = min(max(CivilDate.floorDivide(probe, 1000) * 1000, low), high)
            probes.insert(probe)
        }
        return probes.sorted()
    }

    /// The cuts: settled ones, and for a cut still open (the probes ran out) the probed instant
    /// nearest its aim; in time order, without repeats.
    func cuts() -> [Int64] {
        var cuts = Set<Int64>()
        for (target, aim) in targets.enumerated() {
            if let settledCuts = settled[target] {
                cuts.formUnion(settledCuts)
            } else if let nearest = nearest(aim, among: [bracket(aim).below, bracket(aim).above]) {
                cuts.insert(nearest)
            }
        }
        return cuts.sorted()
    }

    /// The last point with fewer leads than `aim` before it and the point after it.
    private func bracket(_ aim: Int) -> (below: Point, above: Point) {
        // points[0] counts 0 < aim, and the last point counts `total` >= aim.
        var low = 1
        var high = points.count - 1
        while low < high {
            let middle = (low + high) / 2
            if points[middle].count >= aim { high = middle } else { low = middle + 1 }
        }
        return (points[low - 1], points[low])
    }

    /// Of `candidates`, the instant that is a cut and whose count is nearest `aim`; nil when none is a cut.
    private func nearest(_ aim: Int, among candidates: [Point]) -> Int64? {
        candidates.filter { isCut($0.milliseconds) }.min { abs($0.count - aim) < abs($1.count - aim) }?.milliseconds
    }

    /// Whether an instant can cut the range: strictly inside it (probed instants are whole seconds).
    private func isCut(_ milliseconds: Int64) -> Bool {
        from < milliseconds && milliseconds < to
    }
}
