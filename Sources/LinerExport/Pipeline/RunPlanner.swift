import Foundation
import Logging

/// Cuts a run's range into the windows it is fetched in, or takes them from the interrupted run it
/// continues.
struct RunPlanner {
    let spec: PipelineSpec
    let client: LinerClient
    let logger: Logger
    /// Whether to ask the server for the range's `total` whatever the chunking (one request, for progress reports).
    var wantsTotal = false

    /// The windows a run starts with.
    struct Plan {
        /// The run in progress: its windows, those an interrupted run completed already marked so.
        var run: RunState.InProgress
        /// When the new run is one window over the whole range: its first pages, already requested
        /// with the probe for the plan's `total` (`chunk: auto`).
        var firstWave: FirstWave?
        /// Windows an interrupted run had completed (spooled), not fetched again.
        var windowsResumed = 0
        /// Requests spent counting leads to balance the windows (`WindowBalancer`); none when resuming.
        var windowProbes = 0
    }

    /// A new run's windows, and what the server counted while planning them.
    struct Windows {
        var windows: [FetchWindow]
        /// The leads in each window when planning counted them (`auto`), else nil.
        var leads: [Int?]
        /// Requests spent counting (`WindowBalancer`).
        var probes = 0
    }

    /// Resumes the checkpoint's interrupted run when it is this one, else plans a new run and saves
    /// it in the checkpoint.
    func plan(_ window: ResolvedWindow, checkpoint: RunCheckpoint) async throws -> Plan {
        let fingerprint = runFingerprint(window)
        if let previous = checkpoint.interruptedRun(fingerprint: fingerprint) {
            let done = previous.windows.filter(\.isComplete).count
            logger.info("resuming an interrupted run", metadata: [
                "windowsComplete": .stringConvertible(done), "windows": .stringConvertible(previous.windows.count), "startedAt": "\(previous.startedAt)",
            ])
            client.counters.expectLeads(previous.total)
            client.counters.resumeLeads(previous.windows.filter(\.isComplete).reduce(0) { $0 + $1.leads })
            return Plan(run: previous, windowsResumed: done)
        }
        if checkpoint.hasInterruptedRun {
            logger.info("the state holds an interrupted run of another window or source; starting afresh")
        }
        checkpoint.store?.removeSpool()
        var firstWave: FirstWave?
        var total: Int?
        let fetched = TrackedRange(window: window, changes: spec.changes).fetched
        let whole = FetchWindow(from: fetched.from, to: fetched.to)
        if spec.window.chunk == .auto {
            let wave = FirstWave(
                client: client, query: whole.query(orderIds: spec.filters.orderIds, statusIds: spec.filters.serverStatusIds),
                pageSize: spec.source.pageSize, count: spec.source.concurrency)
            do {
                total = try await wave.firstPage().total
            } catch {
                wave.cancel()
                throw error
            }
            firstWave = wave
        }
        if total == nil && wantsTotal { total = try await rangeTotal(window) }
        if let total, total > spec.window.leadsPerWindow {
            // The range is cut: the wave's other pages would serve nobody, and hold the rate limiter meanwhile.
            firstWave?.cancel()
            firstWave = nil
        }
        let planned: Windows
        do {
            planned = try await windows(window, knownTotal: total)
        } catch {
            firstWave?.cancel()
            throw error
        }
        if planned.windows != [whole] || total == nil {
            firstWave?.cancel()
            firstWave = nil
        }
        let run = RunState.InProgress(
            fingerprint: fingerprint, fromMilliseconds: window.from.millisecondsSinceEpoch,
            toMilliseconds: window.to.millisecondsSinceEpoch, windows: planned.windows.map { RunState.Window(window: $0) },
            startedAt: TimestampFormatter(timeZone: .gmt).iso8601(Timestamp(date: Date())), total: total)
        do {
            try checkpoint.save(run)
        } catch {
            firstWave?.cancel()
            throw error
        }
        return Plan(run: run, firstWave: firstWave, windowProbes: planned.probes)
    }

    /// The windows of a new run, over the window and, with changes capture, back to the rescan range's
    /// start (`TrackedRange`). `auto` asks the server for the range's `total` first (one lead), then,
    /// when it is over `window.leadsPerWindow`, for the counts that balance the windows (`WindowBalancer`).
    /// - Parameter knownTotal: the range's `total` when the caller already asked for it.
    func windows(_ window: ResolvedWindow, knownTotal: Int? = nil) async throws -> Windows {
        let range = TrackedRange(window: window, changes: spec.changes)
        var total = knownTotal
        if total == nil && spec.window.chunk == .auto {
            total = try await rangeTotal(window)
        }
        client.counters.expectLeads(total)
        var cuts = range.cuts
        if spec.window.sinceLastSuccess && spec.window.lookbackSeconds > 0 {
            // The overlap with the previous run and the next run's overlap are windows of their own.
            let lookback = spec.window.lookbackSeconds * 1000
            cuts += [window.from.millisecondsSinceEpoch + lookback, window.to.millisecondsSinceEpoch - lookback]
                .map { Timestamp(millisecondsSinceEpoch: $0 / 1000 * 1000) }
        }
        var balance: WindowBalancer.Balance?
        if spec.window.chunk == .auto, let total {
            let balancer = WindowBalancer(
                client: client, orderIds: spec.filters.orderIds, statusIds: spec.filters.serverStatusIds,
                concurrency: spec.source.concurrency, logger: logger)
            balance = try await balancer.balance(from: range.fetched.from, to: range.fetched.to, total: total, leadsPerWindow: spec.window.leadsPerWindow)
            cuts += balance?.cuts ?? []
        }
        let windows = WindowPlanner(chunk: spec.window.chunk, timeZone: window.timeZone)
            .plan(from: range.fetched.from, to: range.fetched.to, cuts: cuts)
        return Windows(windows: windows, leads: windows.map { balance?.leads(from: $0.from, to: $0.to) }, probes: balance?.probes ?? 0)
    }

    /// The server's `total` for the whole range fetched and the pipeline's filters: one request for one lead.
    func rangeTotal(_ window: ResolvedWindow) async throws -> Int? {
        let fetched = TrackedRange(window: window, changes: spec.changes).fetched
        return try await client.leadTotal(
            FetchWindow(from: fetched.from, to: fetched.to).query(orderIds: spec.filters.orderIds, statusIds: spec.filters.serverStatusIds))
    }

    /// What must be equal for a later run to continue an interrupted one. Never the token.
    func runFingerprint(_ window: ResolvedWindow) -> String {
        let filters = spec.filters
        let parts = [
            spec.source.baseURL, "from=\(window.from.millisecondsSinceEpoch)", "to=\(window.to.millisecondsSinceEpoch)",
            "orders=\(filters.orderIds)", "statuses=\(filters.statusIds)", "statusFilter=\(filters.statusFilter.rawValue)",
            "chunk=\(spec.window.chunk.rawValue)", "lookback=\(spec.window.lookbackSeconds)",
        ]
        return (parts + (spec.changes.map { ["rescan=\($0.rescanSeconds)"] } ?? [])).joined(separator: " ")
    }
}
