import Foundation

/// How far the fetch of a run has come, and the lines progress reports draw from it.
public struct ProgressSnapshot: Sendable, Equatable {
    /// Lead pages received, repair passes included.
    public var pages: Int
    /// Leads those pages held.
    public var leads: Int
    /// The server's `total` for the range, when the run asked for it (`window.chunk: auto`).
    public var expectedLeads: Int?
    /// Retries so far, every reason.
    public var retries: Int
    public var elapsedSeconds: Double

    public var leadsPerSecond: Double { elapsedSeconds > 0 ? Double(leads) / elapsedSeconds : 0 }

    /// Seconds left at the current pace; nil without a total or before the first lead.
    public var etaSeconds: Double? {
        guard let expectedLeads, leadsPerSecond > 0 else { return nil }
        return Double(max(0, expectedLeads - leads)) / leadsPerSecond
    }

    /// Done as a fraction of the total (at most 1); nil without a total.
    public var fraction: Double? {
        guard let expectedLeads else { return nil }
        return expectedLeads == 0 ? 1 : min(1, Double(leads) / Double(expectedLeads))
    }

    /// `1200/5000 leads (24%), 12 pages, 300 leads/s, ETA 0:13, 2 retries`.
    public var line: String {
        var parts = [expectedLeads.map { "\(leads)/\($0) leads (\(Int((fraction ?? 0) * 100))%)" } ?? "\(leads) leads"]
        parts.append("\(pages) pages")
        parts.append("\(Int(leadsPerSecond.rounded())) leads/s")
        if let etaSeconds { parts.append("ETA " + Self.clock(etaSeconds)) }
        parts.append("\(retries) retries")
        return parts.joined(separator: ", ")
    }

    /// The line behind a bar `width` characters wide: `[########------------] 1200/5000 leads (24%), …`.
    public func bar(width: Int = 24) -> String {
        guard let fraction else { return line }
        let filled = Int((fraction * Double(width)).rounded(.down))
        return "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled) + "] " + line
    }

    /// `0:13`, `12:05`, `1:02:03`.
    static func clock(_ seconds: Double) -> String {
        let total = Int(seconds.rounded(.up))
        let (hours, minutes, rest) = (total / 3600, total / 60 % 60, total % 60)
        return hours > 0 ? String(format: "%d:%02d:%02d", hours, minutes, rest) : String(format: "%d:%02d", minutes, rest)
    }
}
