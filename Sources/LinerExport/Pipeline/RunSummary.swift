import Foundation

/// What a finished run did, for the terminal, the logs, the manifest and the metrics textfile.
public struct RunSummary: Sendable {
    /// One published file.
    public struct File: Sendable {
        public let path: String
        public let format: OutputFormat
        public let bytes: Int
        public let rows: Int
        /// The SHA-256 of the file in hex, when it was hashed as it was written.
        var sha256: String?
        /// The rejects file (`rejects`), not an output of leads.
        public var isRejects = false
        /// The leads the file holds (`window` for the rejects file).
        public var content = OutputContent.window
    }

    /// The pipeline's name.
    public let pipeline: String
    public let window: ResolvedWindow
    /// Leads written to every output, each once.
    public let leads: Int
    /// Leads the server served more than once (offset pages shifting), skipped.
    public let duplicatesSkipped: Int
    /// The sum of the server's `total` over the windows.
    public let serverTotal: Int?
    /// Extra passes over windows made because a pass was not consistent.
    public let repairPasses: Int
    public let pages: Int
    /// HTTP requests sent, retries included: the pages', the window probes', the reference lists'.
    public let requests: Int
    /// Requests for one lead that counted a sub-range's leads to balance the windows (`chunk: auto`).
    public let windowProbes: Int
    public let retries: [String: Int]
    public let warnings: NormalizationWarnings
    /// CSV cells given the formula guard's prefix, by field (`csv: instagram`), header cells included.
    /// Not warnings: the pipeline asked for the guard, but those cells differ from the other formats'.
    public let formulaGuarded: [String: Int]
    public let files: [File]
    public let durationSeconds: Double
    /// Windows the range was fetched in (after splits).
    public let windows: Int
    /// Windows an interrupted run had completed, taken from the spool instead of fetched again.
    public let windowsResumed: Int
    /// Windows split in two because they would not settle.
    public let windowsSplit: Int
    /// Why windows were fetched again, by kind (`total_changed`, `duplicate_ids`, `count_mismatch`).
    public let repairs: [String: Int]
    /// Leads of the lookback overlap already exported by the previous run, skipped.
    public let overlapSkipped: Int
    /// Leads dropped by the client-side status filter.
    public let filteredOut: Int
    /// Secondary leads left out because the pipeline asked for primary leads only.
    public let secondarySkipped: Int
    /// Every warning by kind: normalization's (`invalid_phone`, …) and the fetch's (`leads_left_filter`).
    public let runWarnings: [String: Int]
    /// Times the rate limiter slowed down after a 429.
    public let rateLimitSlowdowns: Int
    /// What warnings mean for the exit code.
    public let warningPolicy: WarningPolicy
    /// Where the run's manifest was written (`<name>.manifest.json` beside the first output).
    public var manifestPath: String?
    /// What changes capture found; nil for a run without it.
    public var changes: ChangeCounts?

    /// A finished run, from what each stage reports.
    /// - Parameter fetched: the fetch stage's totals over every window.
    /// - Parameter collected: what the collector kept and left out.
    /// - Parameter counters: requests and retries.
    init(
        pipeline: String, window: ResolvedWindow, fetched: WindowProgress, collected: LeadCollector.Counts, counters: FetchCounters,
        rateLimitSlowdowns: Int, warnings: RunWarnings, formulaGuarded: [String: Int] = [:], files: [File], durationSeconds: Double,
        warningPolicy: WarningPolicy
    ) {
        self.pipeline = pipeline
        self.window = window
        leads = collected.written
        duplicatesSkipped = fetched.duplicatesSkipped + collected.duplicates
        serverTotal = fetched.serverTotal
        repairPasses = fetched.repairPasses
        pages = fetched.pages
        requests = counters.requests
        windowProbes = fetched.windowProbes
        retries = counters.retries
        self.warnings = warnings.byField
        self.formulaGuarded = formulaGuarded
        self.files = files
        self.durationSeconds = durationSeconds
        windows = fetched.windows
        windowsResumed = fetched.windowsResumed
        windowsSplit = fetched.windowsSplit
        repairs = fetched.anomalies
        overlapSkipped = collected.overlapSkipped
        filteredOut = collected.filteredOut
        secondarySkipped = collected.secondarySkipped
        runWarnings = warnings.byKind
        self.rateLimitSlowdowns = rateLimitSlowdowns
        self.warningPolicy = warningPolicy
    }

    /// 0, or 4 when the run published with warnings and the pipeline asks to be told (`onWarnings: "exit-4"`).
    public var exitCode: Int32 {
        warningPolicy == .exit4 && !runWarnings.isEmpty ? 4 : 0
    }

    /// A few lines for a person.
    public var text: String {
        func list(_ counts: [String: Int]) -> String {
            counts.isEmpty ? "" : " (" + counts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + ")"
        }
        var lines = [
            "window: \(window.description)",
            "leads: \(leads) \(changes == nil ? "exported" : "read (window and rescan range)"), \(duplicatesSkipped) duplicates skipped"
                + (serverTotal.map { ", server total \($0)" } ?? "")
                + (overlapSkipped > 0 ? ", \(overlapSkipped) already exported by the last run" : "")
                + (filteredOut > 0 ? ", \(filteredOut) filtered out by status" : "")
                + (secondarySkipped > 0 ? ", \(secondarySkipped) secondary left out" : ""),
            "windows: \(windows)" + (windowsResumed > 0 ? ", \(windowsResumed) resumed from an interrupted run" : "")
                + (windowsSplit > 0 ? ", \(windowsSplit) split" : ""),
            "requests: \(requests) for \(pages) pages" + (windowProbes > 0 ? " and \(windowProbes) window probes" : "")
                + ", \(retries.values.reduce(0, +)) retries" + list(retries)
                + (rateLimitSlowdowns > 0 ? ", \(rateLimitSlowdowns) rate-limit slowdowns" : ""),
            "repairs: \(repairPasses) repair passes" + list(repairs),
            "warnings: \(runWarnings.values.reduce(0, +))",
        ]
        if let changes { lines.insert(changes.text, at: 2) }
        // One line per kind, with the fields it hit: "  invalid_phone 352 (phone 237, telegramPhone 115)".
        for (kind, count) in runWarnings.sorted(by: { $0.key < $1.key }) {
            let fields = warnings.counts.filter { $0.key.kind.rawValue == kind }
            lines.append("  \(kind) \(count)" + list(Dictionary(uniqueKeysWithValues: fields.map { ($0.key.field, $0.value) })))
        }
        if !formulaGuarded.isEmpty {
            lines.append("formula_guarded: \(formulaGuarded.values.reduce(0, +)) CSV cells" + list(formulaGuarded))
        }
        lines += files.map { "wrote \($0.isRejects ? "rejects " : "")\($0.path) (\($0.rows) rows, \($0.bytes) bytes)" }
        if let manifestPath { lines.append("manifest \(manifestPath)") }
        lines.append("took \(String(format: "%.1f", durationSeconds)) s")
        return lines.joined(separator: "\n")
    }
}
