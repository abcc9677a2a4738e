import LinerJSON
import Logging

/// Fetches one window into a sink (its spool, or the outputs directly) and makes sure it came out whole.
///
/// Offset paging is not a snapshot: a lead created or moved during the run shifts every later page,
/// so one lead is served twice and another skipped. A pass is *clean* when every page reported the
/// same `total`, no id came twice and the unique ids equal that `total`. A window whose first pass
/// is not clean is fetched again (new ids are added, known ones skipped); a window of several pages
/// that still does not settle is split into up to `maxPieces` smaller windows, each fetched on its own
/// (fewer pages, less exposure to churn; a one-page window is one response, a snapshot). A one-page
/// window gets `maxRepairPasses` passes; if leads are still missing the run fails.
struct WindowFetcher {
    /// What happened to a window.
    enum Result {
        /// Complete and consistent; its sink is completed.
        case complete(WindowReport)
        /// Could not be made consistent as one piece: fetch these instead (`report` is the work done).
        case split([FetchWindow], WindowReport)
    }

    let client: LinerClient
    let pageSize: Int
    let concurrency: Int
    let orderIds: [Int]
    /// Sent as `statusIds[]` (empty when the status filter runs on the client).
    let statusIds: [Int]
    let logger: Logger
    static let maxRepairPasses = 2
    /// A window that does not settle is cut into at most this many pieces.
    static let maxPieces = 8

    /// Normalizes a page's leads in the page's own task, ahead of their turn; nil leaves that to whoever
    /// reads the sink.
    var normalize: NormalizeStage?

    /// Fetches `window`, handing each new lead to `sink` in order; completes the sink when the window
    /// came out whole, discards it when the window is split or fetching fails.
    /// - Throws: `ExportError.incomplete` when leads are missing and the window cannot be split further.
    /// - Parameter expectedLeads: the window's `total` when a probe told it (its pages then all go out at once).
    /// - Parameter firstWave: the window's first pages, already requested with the plan's probe.
    func fetch(
        _ window: FetchWindow, into sink: LeadSink, expectedLeads: Int? = nil, firstWave: FirstWave? = nil
    ) async throws -> Result {
        do {
            let result = try await fetchPasses(window, into: sink, expectedLeads: expectedLeads, firstWave: firstWave)
            if case .complete = result { try sink.complete() } else { sink.discard() }
            return result
        } catch {
            sink.discard()
            throw error
        }
    }

    private func fetchPasses(
        _ window: FetchWindow, into sink: LeadSink, expectedLeads: Int?, firstWave: FirstWave?
    ) async throws -> Result {
        var seen = LeadIDSet()
        var report = WindowReport()
        let pages = ParallelLeadPages(
            client: client, query: window.query(orderIds: orderIds, statusIds: statusIds), pageSize: pageSize,
            concurrency: concurrency)
        for pass in 0...Self.maxRepairPasses {
            var check = PassCheck()
            let normalize = normalize
            let expectedTotal = pass == 0 ? expectedLeads : report.serverTotal
            let prefetched = pass == 0 ? firstWave?.pages ?? [:] : [:]
            if pass > 0 { client.counters.startRepairPass(pass) }
            try await pages.forEachPage(expectedTotal: expectedTotal, prefetched: prefetched, preparing: { page in normalize?.prepare(page) }) {
                page, prepared in
                report.pages += 1
                if page.leads.count > pageSize {
                    if report.pagesOverLimit == 0 {
                        logger.warning("the server ignored limit, paging by what it serves", metadata: [
                            "window": "\(window.spoolName)", "limit": .stringConvertible(pageSize), "served": .stringConvertible(page.leads.count),
                        ])
                    }
                    report.pagesOverLimit += 1
                }
                check.see(total: page.total)
                check.pagesServedLeads += page.leads.count
                // Leads new to the window, for progress: a lead served again counts once.
                var added = 0
                defer { client.counters.recordPage(newLeads: added) }
                for (index, lead) in page.leads.enumerated() {
                    guard let id = lead["id"]?.int64Value else {
                        // Cannot be deduplicated: written once, on the first pass.
                        check.unique += 1
                        if pass == 0 {
                            report.leadsWithoutID += 1
                            added += 1
                            try sink.append(lead, prepared: prepared?[index])
                        }
                        continue
                    }
                    check.unique += check.ids.insert(id) ? 1 : 0
                    if seen.insert(id) {
                        check.newIDs += 1
                        added += 1
                        try sink.append(lead, prepared: prepared?[index])
                    } else if pass == 0 {
                        report.duplicatesSkipped += 1
                    }
                }
            }
            report.serverTotal = check.lastTotal
            report.leads = seen.count + report.leadsWithoutID
            let problems = check.problems
            if problems.isEmpty || (pass > 0 && check.isStable && check.newIDs == 0 && report.leads >= (check.lastTotal ?? 0)) {
                return .complete(report)
            }
            for problem in problems { report.anomalies[problem, default: 0] += 1 }
            let total = check.lastTotal ?? 0
            if pass >= 1, total > pageSize, let pieces = window.pieces(min(Self.maxPieces, (total + pageSize / 2 - 1) / max(1, pageSize / 2))) {
                logger.warning("window did not settle, splitting it", metadata: [
                    "window": "\(window.spoolName)", "pieces": .stringConvertible(pieces.count),
                ])
                return .split(pieces, report)
            }
            if pass < Self.maxRepairPasses {
                report.repairPasses += 1
                var metadata: Logger.Metadata = [
                    "window": "\(window.spoolName)", "problems": "\(problems.joined(separator: ","))",
                    "leads": .stringConvertible(report.leads),
                ]
                if let total = check.lastTotal { metadata["total"] = .stringConvertible(total) }
                logger.warning("window changed while it was paged, fetching it again", metadata: metadata)
            }
        }
        let total = report.serverTotal ?? 0
        guard report.leads >= total else {
            throw ExportError.incomplete(
                "the server reported \(total) leads in a window but \(report.leads) could be fetched after "
                    + "\(Self.maxRepairPasses + 1) passes; nothing was published")
        }
        // More unique ids than the server counts: leads left the filter during the run. Nothing is missing.
        report.leadsBeyondTotal = report.leads - total
        return .complete(report)
    }
}

/// What one pass over a window saw.
private struct PassCheck {
    var ids = LeadIDSet()
    var unique = 0
    var newIDs = 0
    var firstTotal: Int?
    var lastTotal: Int?
    var isStable = true

    mutating func see(total: Int?) {
        guard let total else { return }
        if firstTotal == nil { firstTotal = total }
        if let lastTotal, lastTotal != total { isStable = false }
        lastTotal = total
    }

    /// Empty for a clean pass; else `total_changed`, `duplicate_ids`, `count_mismatch`.
    var problems: [String] {
        var problems: [String] = []
        if !isStable { problems.append("total_changed") }
        if unique < pagesServedLeads { problems.append("duplicate_ids") }
        if let lastTotal, unique != lastTotal { problems.append("count_mismatch") }
        return problems
    }

    /// Set by the caller through `unique`; duplicates are served leads beyond the unique ones.
    var pagesServedLeads = 0
}

/// What fetching one window took.
struct WindowReport: Sendable {
    var leads = 0
    var pages = 0
    var duplicatesSkipped = 0
    var repairPasses = 0
    var serverTotal: Int?
    var leadsWithoutID = 0
    var leadsBeyondTotal = 0
    /// Pages that held more leads than `limit` asked for (a server that ignores `limit`).
    var pagesOverLimit = 0
    /// Why passes were repeated: `total_changed`, `duplicate_ids`, `count_mismatch`.
    var anomalies: [String: Int] = [:]
}
