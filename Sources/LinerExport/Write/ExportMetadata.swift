import Foundation

/// What a run is, for the formats that describe themselves (XLSX's `Export` sheet, XML's root
/// attributes): the window, the filters, the zone of its dates, when and by what it was written.
public struct ExportMetadata: Sendable {
    public var pipelineName: String
    public var window: ResolvedWindow
    public var filters: FilterSpec
    /// The zone dates are written in (the pipeline's `normalize.dates.timeZone`, else the window's).
    public var timeZone: TimeZone
    public var generatedAt: Timestamp
    public var toolVersion: String

    public init(
        pipelineName: String = "leads", window: ResolvedWindow, filters: FilterSpec = FilterSpec(), timeZone: TimeZone? = nil,
        generatedAt: Date = Date(), toolVersion: String = ToolVersion.text
    ) {
        self.pipelineName = pipelineName
        self.window = window
        self.filters = filters
        self.timeZone = timeZone ?? window.timeZone
        self.generatedAt = Timestamp(date: generatedAt)
        self.toolVersion = toolVersion
    }

    /// An instant as ISO 8601 in `timeZone`.
    func iso8601(_ timestamp: Timestamp) -> String {
        TimestampFormatter(timeZone: timeZone).iso8601(timestamp)
    }
}

extension ExportMetadata {
    /// The labelled facts of an `Export` sheet, in order.
    func lines(rows: Int, sheets: Int) -> [(String, SpreadsheetValue)] {
        [
            ("pipeline", .string(pipelineName)),
            ("window from", .string(iso8601(window.from))),
            ("window to (exclusive)", .string(iso8601(window.to))),
            ("window time zone", .string(window.timeZone.identifier)),
            ("dates time zone", .string(timeZone.identifier)),
            ("order filter", .string(filters.orderIds.isEmpty ? "all" : filters.orderIds.map(String.init).joined(separator: ", "))),
            ("status filter", .string(filters.statusIds.isEmpty ? "all" : filters.statusIds.map(String.init).joined(separator: ", "))),
            ("rows", .number(Double(rows))),
            ("sheets", .number(Double(sheets))),
            ("generated at", .string(iso8601(generatedAt))),
            ("tool version", .string(toolVersion)),
        ]
    }
}
