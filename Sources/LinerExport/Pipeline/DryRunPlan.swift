/// What `run --dry-run` prints: what a run would fetch and write, planned from the server's `total`.
public struct DryRunPlan: Sendable {
    public let spec: PipelineSpec
    public let window: ResolvedWindow
    /// The server's count of leads in the range with the pipeline's filters (nil when it sends none).
    public let total: Int?
    /// The windows the range would be fetched in, in order (`[from, to)`), with their leads when the
    /// plan counted them (`auto`).
    public let windows: [(from: Timestamp, to: Timestamp, leads: Int?)]
    /// Requests spent counting leads to balance the windows (`chunk: auto` over `leadsPerWindow`).
    public let windowProbes: Int
    /// Windows an interrupted run already completed; a run would take them from the spool.
    public let windowsResumable: Int
    public let outputPaths: [String]
    public let manifestPath: String
    /// What a one-off run from the command line replaces and leaves alone (`OneOffRun.note(for:)`).
    public var oneOffNote: String?
    /// With changes capture: where the rescan range starts, and how many leads the last success tracked.
    public var rescan: (from: Timestamp, trackedLeads: Int)?

    /// Lead requests a run would send without retries or repair passes: each window's pages, at
    /// least one per window; nil when the server sends no `total`.
    public var estimatedRequests: Int? {
        guard let total else { return nil }
        let remaining = windows.count - windowsResumable
        guard remaining > 0 else { return 0 }
        let pageSize = spec.source.pageSize
        let counts = windows.compactMap(\.leads)
        if windowsResumable == 0, counts.count == windows.count {
            // Balanced windows come with their counts: each window's pages, one at least.
            return counts.reduce(0) { $0 + max(1, ($1 + pageSize - 1) / pageSize) }
        }
        // Each window's last page may be partial: at most one extra request per window.
        return max(remaining, (total + pageSize - 1) / pageSize + remaining - 1)
    }

    /// Lines for a person.
    public var text: String {
        let formatter = TimestampFormatter(timeZone: window.timeZone)
        var lines = [
            "dry run of pipeline \(spec.name): nothing is written",
            "window: \(window.description)",
            "server total: " + (total.map { "\($0) leads" } ?? "not reported (the run would page following next)")
                + (spec.filters.orderIds.isEmpty ? "" : ", orderIds \(spec.filters.orderIds.map(String.init).joined(separator: ", "))")
                + (spec.filters.statusIds.isEmpty ? "" : ", statusIds \(spec.filters.statusIds.map(String.init).joined(separator: ", "))"
                    + (spec.filters.statusFilter == .client ? " (filtered locally)" : "")),
            "windows: \(windows.count) (chunk \(spec.window.chunk.rawValue)"
                + (spec.window.chunk == .auto ? ", at most about \(spec.window.leadsPerWindow) leads each" : "")
                + (windowProbes > 0 ? ", \(windowProbes) requests counting them" : "") + ")"
                + (windowsResumable > 0 ? ", \(windowsResumable) already complete from an interrupted run" : ""),
        ]
        if let oneOffNote { lines.insert(oneOffNote, at: 1) }
        if let rescan {
            lines.insert(
                "rescan: leads created from \(formatter.iso8601(rescan.from)) on are read again and compared with the "
                    + "\(rescan.trackedLeads) leads the last success tracked; the total and windows below cover the window and the rescan range",
                at: lines.count - 2)
        }
        let shown = windows.count <= 12 ? windows[...] : windows.prefix(10)
        for piece in shown {
            lines.append("  \(formatter.iso8601(piece.from)) to \(formatter.iso8601(piece.to))" + (piece.leads.map { ": \($0) leads" } ?? ""))
        }
        if shown.count < windows.count {
            lines.append("  … \(windows.count - shown.count) more, the last ending \(formatter.iso8601(windows.last!.to))")
        }
        if let requests = estimatedRequests {
            let rate = spec.source.requestsPerSecond
            lines.append(
                "requests: about \(requests) for leads (\(spec.source.pageSize) a page, \(spec.source.concurrency) at once)"
                    + (rate > 0 ? ", at least \(Int((Double(requests) / rate).rounded(.up))) s at \(rate.formatted()) requests/s" : ""))
        }
        if rescan != nil {
            lines.append("  and one request (/v2/lead/detail/{id}/) per tracked lead the rescan no longer serves: archived, or out of the filters")
        }
        for (output, path) in zip(spec.outputs, outputPaths) {
            lines.append("would write: \(output.format.rawValue) → \(path)")
        }
        for written in spec.writtenPaths(for: window) where !written.role.hasPrefix("outputs[") {
            lines.append("would write: \(written.role) → \(written.path)")
        }
        if let stateFile = spec.window.stateFile { lines.append("would update: state → \(stateFile)") }
        return lines.joined(separator: "\n")
    }
}

private extension Double {
    /// `10` for whole numbers, else the number as Swift prints it (`2.5`).
    func formatted() -> String { self == rounded() ? String(Int(self)) : String(self) }
}
