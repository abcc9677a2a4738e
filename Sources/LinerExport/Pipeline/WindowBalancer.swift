import Logging

/// Cuts a range into windows of about the same number of leads (`chunk: auto`), however unevenly
/// they were created in time: it asks the server how many leads `[from, t)` holds (a request for one
/// lead, whose `total` says) at the instants `CutSearch` picks, a few at once.
///
/// Every probe goes through the run's client: paced by its rate limiter, retried, counted among the
/// run's requests, refused past the run's deadline. Planning stops at cancellation, and after
/// `maxProbes(cuts:)` probes, keeping the nearest cuts found so far.
struct WindowBalancer {
    /// Where the range is cut and what the server counted on the way.
    struct Balance {
        /// Instants that start a window, in order.
        var cuts: [Timestamp]
        /// The leads in `[from, t)` by probed instant `t` (milliseconds), `from` and `to` included.
        var leadsBefore: [Int64: Int]
        /// Probe requests sent (retries not counted).
        var probes: Int

        /// The leads in `[start, end)` when both bounds were probed, else nil.
        func leads(from start: Timestamp, to end: Timestamp) -> Int? {
            guard let before = leadsBefore[start.millisecondsSinceEpoch], let through = leadsBefore[end.millisecondsSinceEpoch] else {
                return nil
            }
            return through - before
        }
    }

    let client: LinerClient
    let orderIds: [Int]
    let statusIds: [Int]
    /// Probes in flight at once (the source's `concurrency`).
    let concurrency: Int
    let logger: Logger
    /// The most probes to send; nil for `maxProbes(cuts:)`.
    var probeLimit: Int?

    /// The most probes one plan sends: 40, and 12 a cut. Interpolating on the counts settles most cuts
    /// in one to six probes; a second holding thousands of leads (a bulk import) takes up to two probes
    /// per halving of its bracket, about 25 probes for one second in a year.
    static func maxProbes(cuts: Int) -> Int { 40 + 12 * cuts }

    /// Cuts `[from, to)`, which holds `total` leads, into `ceil(total / leadsPerWindow)` windows
    /// (fewer when the range has fewer whole seconds) of about the same count.
    /// - Throws: `CancellationError`, or the client's `ExportError` (the deadline among them).
    func balance(from: Timestamp, to: Timestamp, total: Int, leadsPerWindow: Int) async throws -> Balance {
        let range = (from.millisecondsSinceEpoch, to.millisecondsSinceEpoch)
        let seconds = Int(min(Int64(Int.max), (range.1 - range.0) / 1000))
        let pieces = min((total + leadsPerWindow - 1) / max(1, leadsPerWindow), seconds)
        guard pieces > 1 else { return Balance(cuts: [], leadsBefore: [range.0: 0, range.1: total], probes: 0) }
        let started = ContinuousClock.now
        let limit = probeLimit ?? Self.maxProbes(cuts: pieces - 1)
        var search = CutSearch(from: range.0, to: range.1, total: total, pieces: pieces)
        var probes = 0
        var next = search.nextProbes()
        while !next.isEmpty {
            try Task.checkCancellation()
            guard probes < limit else {
                logger.warning("window planning reached its probe limit; cutting at the nearest counts found", metadata: [
                    "probes": .stringConvertible(probes), "cutsOpen": .stringConvertible(next.count),
                ])
                break
            }
            let batch = Array(next.prefix(limit - probes))
            probes += batch.count
            let counts = try await leadsBefore(batch, from: from)
            for (instant, count) in counts {
                guard let count else {
                    logger.warning("the server sent no total for a window probe; cutting at the counts found so far")
                    next = []
                    break
                }
                search.record(milliseconds: instant, count: count)
            }
            if !next.isEmpty { next = search.nextProbes() }
        }
        let leadsBefore = Dictionary(search.points.map { ($0.milliseconds, $0.count) }, uniquingKeysWith: { first, _ in first })
        let balance = Balance(cuts: search.cuts().map { Timestamp(millisecondsSinceEpoch: $0) }, leadsBefore: leadsBefore, probes: probes)
        report(balance, from: from, to: to, leadsPerWindow: leadsPerWindow, seconds: (ContinuousClock.now - started).seconds)
        return balance
    }

    /// `[from, t)`'s count for each instant, `concurrency` requests at a time.
    private func leadsBefore(_ instants: [Int64], from: Timestamp) async throws -> [(Int64, Int?)] {
        let queries = instants.map {
            FetchWindow(from: from, to: Timestamp(millisecondsSinceEpoch: $0)).query(orderIds: orderIds, statusIds: statusIds)
        }
        return Array(zip(instants, try await client.leadTotals(queries, concurrency: concurrency)))
    }

    /// One line for the plan; a warning for a window a single second holding more than `leadsPerWindow`
    /// leaves too big, or one that the probe limit left well over it.
    private func report(_ balance: Balance, from: Timestamp, to: Timestamp, leadsPerWindow: Int, seconds: Double) {
        let bounds = [from] + balance.cuts + [to]
        let windows = zip(bounds, bounds.dropFirst()).map { (from: $0, to: $1, leads: balance.leads(from: $0, to: $1) ?? 0) }
        logger.info("windows balanced by lead count", metadata: [
            "windows": .stringConvertible(windows.count), "fewestLeads": .stringConvertible(windows.map(\.leads).min() ?? 0),
            "mostLeads": .stringConvertible(windows.map(\.leads).max() ?? 0), "probes": .stringConvertible(balance.probes),
            "seconds": .stringConvertible((seconds * 100).rounded() / 100),
        ])
        for window in windows where window.leads > leadsPerWindow {
            let isOneSecond = window.to.millisecondsSinceEpoch - window.from.millisecondsSinceEpoch <= 1000
            // Balanced windows hold their share ±20 %: only more than that is worth a warning.
            guard isOneSecond || window.leads > leadsPerWindow + leadsPerWindow / 5 else { continue }
            logger.warning(
                isOneSecond
                    ? "one second holds more leads than window.leadsPerWindow; a second cannot be split, it stays one window"
                    : "a window holds more leads than window.leadsPerWindow",
                metadata: [
                    "from": "\(window.from)", "to": "\(window.to)", "leads": .stringConvertible(window.leads),
                    "leadsPerWindow": .stringConvertible(leadsPerWindow),
                ])
        }
    }
}
