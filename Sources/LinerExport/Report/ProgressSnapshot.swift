import Foundation

/// How far a run has come, and the lines progress reports draw from it.
public struct ProgressSnapshot: Sendable, Equatable {
    /// What the run is doing.
    public enum Phase: Sendable, Equatable {
        /// Fetching windows (and repairing them).
        case fetching
        /// Every lead is in: the outputs are being finished.
        case writing
        /// Finishing an XLSX output: libxlsxwriter zips its parts.
        case zippingXLSX
    }

    /// The window being fetched: `index` (1-based) of `count`.
    public struct WindowPosition: Sendable, Equatable {
        public var index: Int
        public var count: Int
    }

    /// Lead pages received, repair passes included.
    public var pages: Int
    /// Leads of the range done: new leads those pages added (each counted once) and those resumed.
    public var leads: Int
    /// The server's `total` for the range, when the run asked for it.
    public var expectedLeads: Int?
    /// Retries so far, every reason.
    public var retries: Int
    public var elapsedSeconds: Double
    /// Leads of windows an interrupted run completed, part of `leads` though not fetched by this run.
    public var resumedLeads: Int
    public var window: WindowPosition?
    /// 0 on a window's first pass, then the repair pass under way.
    public var repairPass: Int
    public var phase: Phase

    public init(
        pages: Int, leads: Int, expectedLeads: Int?, retries: Int, elapsedSeconds: Double, resumedLeads: Int = 0,
        window: WindowPosition? = nil, repairPass: Int = 0, phase: Phase = .fetching
    ) {
        self.pages = pages
        self.leads = leads
        self.expectedLeads = expectedLeads
        self.retries = retries
        self.elapsedSeconds = elapsedSeconds
        self.resumedLeads = resumedLeads
        self.window = window
        self.repairPass = repairPass
        self.phase = phase
    }

    /// The pace of this run's fetch (resumed leads were not fetched by it).
    public var leadsPerSecond: Double { elapsedSeconds > 0 ? Double(leads - resumedLeads) / elapsedSeconds : 0 }

    /// Seconds left at the current pace; nil without a total or before the first lead; 0 once fetched.
    public var etaSeconds: Double? {
        if phase != .fetching { return 0 }
        guard let expectedLeads, leadsPerSecond > 0 else { return nil }
        return Double(max(0, expectedLeads - leads)) / leadsPerSecond
    }

    /// Done as a fraction of the total; nil without a total. Below 1 while fetching (leads that joined
    /// the range during the run can pass the total before the fetch is over), 1 once it is.
    public var fraction: Double? {
        if phase != .fetching { return 1 }
        guard let expectedLeads else { return nil }
        return expectedLeads == 0 ? 0.99 : min(0.99, Double(leads) / Double(expectedLeads))
    }

    /// `1200/5000 leads (24%), window 3/7, 12 pages, 300 leads/s, ETA 0:13, 2 retries`.
    public var line: String { parts.map(\.text).joined(separator: ", ") }

    /// The line behind a bar `width` characters wide: `[########------------] 1200/5000 leads (24%), …`.
    public func bar(width: Int = 24) -> String {
        guard let fraction else { return line }
        return Self.bar(fraction, width: width) + " " + line
    }

    /// The bar line fitted to a terminal `columns` wide, one column short of it (writing the last
    /// column wraps on some terminals): the parts that matter least go first, then the bar, then the window.
    public func render(columns: Int) -> String {
        let room = max(1, columns - 1)
        var parts = self.parts
        func text() -> String { parts.map(\.text).joined(separator: ", ") }
        func dropUntil(fits extra: Int, above priority: Int) {
            while text().count + extra > room,
                  let least = parts.indices.filter({ parts[$0].priority > priority }).max(by: { parts[$0].priority < parts[$1].priority }) {
                parts.remove(at: least)
            }
        }
        let barRoom = Self.minimumBarWidth + 3
        dropUntil(fits: fraction == nil ? 0 : barRoom, above: 1)
        var line = text()
        if let fraction, line.count + barRoom <= room {
            line = Self.bar(fraction, width: min(Self.maximumBarWidth, room - line.count - 3)) + " " + line
        } else {
            dropUntil(fits: 0, above: 0)
            line = text()
        }
        return line.count > room ? String(line.prefix(room)) : line
    }

    static let minimumBarWidth = 10
    static let maximumBarWidth = 30

    /// The line's parts in order; `priority` 0 always stays, the highest goes first when space is short.
    private var parts: [(text: String, priority: Int)] {
        var parts: [(text: String, priority: Int)] = []
        if let expectedLeads {
            parts.append(("\(leads)/\(expectedLeads) leads (\(Int((fraction ?? 0) * 100))%)", 0))
        } else {
            parts.append(("\(leads) leads", 0))
        }
        switch phase {
        case .writing: parts.append(("writing outputs", 0))
        case .zippingXLSX: parts.append(("zipping XLSX", 0))
        case .fetching:
            if let window, window.count > 1 || repairPass > 0 {
                let repair = repairPass > 0 ? " repair pass \(repairPass)" : ""
                parts.append(("window \(window.index)/\(window.count)" + repair, 1))
            }
        }
        parts.append(("\(pages) pages", 5))
        if phase == .fetching {
            parts.append(("\(Int(leadsPerSecond.rounded())) leads/s", 4))
            if let etaSeconds { parts.append(("ETA " + Self.clock(etaSeconds), 2)) }
        }
        parts.append(("\(retries) retries", retries > 0 ? 3 : 6))
        return parts
    }

    private static func bar(_ fraction: Double, width: Int) -> String {
        let filled = Int((fraction * Double(width)).rounded(.down))
        return "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled) + "]"
    }

    /// `0:13`, `12:05`, `1:02:03`.
    static func clock(_ seconds: Double) -> String {
        let total = Int(seconds.rounded(.up))
        let (hours, minutes, rest) = (total / 3600, total / 60 % 60, total % 60)
        return hours > 0 ? String(format: "%d:%02d:%02d", hours, minutes, rest) : String(format: "%d:%02d", minutes, rest)
    }
}
