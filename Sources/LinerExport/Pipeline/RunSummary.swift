import Foundation

/// What a finished run did, for the terminal, the logs and (later) the manifest.
public struct RunSummary: Sendable {
    /// One published file.
    public struct File: Sendable {
        public let path: String
        public let format: OutputFormat
        public let bytes: Int
        public let rows: Int
    }

    public let window: ResolvedWindow
    /// Leads written to every output, each once.
    public let leads: Int
    /// Leads the server served more than once (offset pages shifting), skipped.
    public let duplicatesSkipped: Int
    /// The server's `total` on the last page.
    public let serverTotal: Int?
    /// Extra passes over the window made because leads were missing after the first.
    public let repairPasses: Int
    public let pages: Int
    public let requests: Int
    public let retries: [String: Int]
    public let warnings: NormalizationWarnings
    public let files: [File]
    public let durationSeconds: Double
    /// Secondary leads left out (`filters.primaryOnly`); not in `leads`.
    public var secondarySkipped = 0

    /// A few lines for a person.
    public var text: String {
        var lines = [
            "window: \(window.description)",
            "leads: \(leads) exported, \(duplicatesSkipped) duplicates skipped"
                + (secondarySkipped > 0 ? ", \(secondarySkipped) secondary left out" : "")
                + (serverTotal.map { ", server total \($0)" } ?? ""),
            "requests: \(requests) for \(pages) pages, \(retries.values.reduce(0, +)) retries"
                + (retries.isEmpty ? "" : " (" + retries.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + ")")
                + (repairPasses > 0 ? ", \(repairPasses) repair passes" : ""),
            "warnings: \(warnings.total)"
                + (warnings.counts.isEmpty ? "" : " (" + warnings.counts.sorted { $0.key < $1.key }
                    .map { "\($0.key) \($0.value)" }.joined(separator: ", ") + ")"),
        ]
        lines += files.map { "wrote \($0.path) (\($0.rows) rows, \($0.bytes) bytes)" }
        lines.append("took \(String(format: "%.1f", durationSeconds)) s")
        return lines.joined(separator: "\n")
    }
}
