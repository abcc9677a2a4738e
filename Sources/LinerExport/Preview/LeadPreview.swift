import AsyncHTTPClient
import Foundation
import LinerJSON
import Logging

/// `liner-export preview`: the first page of the pipeline's window through the run's own stages —
/// the same query, the same normalize stage, the same collector (status filter, `primaryOnly`,
/// duplicates) — with the final column names, to check a pipeline before a long run. Writes nothing.
public struct LeadPreview: Sendable {
    public let spec: PipelineSpec
    let apiKey: APIKey?
    let logger: Logger

    /// - Parameter apiKey: the token; nil reads it as the pipeline's `source` says.
    public init(spec: PipelineSpec, apiKey: APIKey? = nil, logger: Logger) {
        self.spec = spec
        self.apiKey = apiKey
        self.logger = logger
    }

    /// The first `rows` leads of the window's first page as a table, and the server's total for the window.
    /// - Parameter columns: keys or titles of the columns to show (`["all"]` every one); nil shows the
    ///   compact default (see `PreviewColumns.select`). `columnCount` is how many the pipeline has.
    /// - Parameter changes: show the change set instead: the first page of the rescan range compared with
    ///   the leads the last success tracked (read without the state's lock), only the leads created or
    ///   updated since, `changeType` and `changedFields` first. `window` is then the rescan range.
    /// - Throws: `ExportError`; `.badArguments` for a column the pipeline does not have, before the page is
    ///   asked for, or for `changes` when the pipeline has no `changes` section.
    public func table(
        rows: Int, columns: [String]? = nil, changes: Bool = false, now: Date = Date()
    ) async throws -> (table: PreviewTable, total: Int?, window: ResolvedWindow, columnCount: Int) {
        do {
            let apiKey = try self.apiKey ?? APIKey.resolve(spec.source)
            var window = try ResolvedWindow(spec.window, now: now)
            var comparison: (checkpoint: RunCheckpoint, range: TrackedRange)?
            if changes {
                guard spec.changes != nil, spec.window.stateFile != nil else {
                    throw ExportError.badArguments("--changes: the pipeline has no \"changes\" section and state file to compare with")
                }
                let checkpoint = try RunCheckpoint(spec: spec, locking: false)
                let range = TrackedRange(window: try checkpoint.window(now: now), changes: spec.changes)
                window = ResolvedWindow(from: range.rescanFrom!, to: range.window.to, timeZone: range.window.timeZone)
                comparison = (checkpoint, range)
            }
            return try await HTTPClient.withHTTPClient(configuration: .init(source: spec.source)) { httpClient in
                let client = LinerClient(
                    source: spec.source, httpClient: httpClient, apiKey: apiKey, counters: FetchCounters(), logger: logger)
                let stage = NormalizeStage(normalizer: try await NormalizerFactory(spec: spec, logger: logger).makeNormalizer(client: client))
                var shown = try PreviewColumns.select(columns, layout: stage.layout, spec: spec)
                let rowsSink: PreviewRecords
                if let comparison {
                    let previous = try comparison.checkpoint.previousTrackedLeads(columnKeys: stage.layout.columns.map(\.key))
                    rowsSink = ChangePreviewRows(limit: rows, comparison: TrackedComparison(previous: previous, layout: stage.layout))
                    shown = [0, 1] + shown.map { $0 + 2 }
                } else {
                    rowsSink = PreviewRows(limit: rows)
                }
                let query = FetchWindow(from: window.from, to: window.to)
                    .query(orderIds: spec.filters.orderIds, statusIds: spec.filters.serverStatusIds)
                let data = try await client.get("/v2/lead/", query: query.queryItems(offset: 0, limit: comparison == nil ? min(rows, 100) : 100))
                let page = try LeadPage(offset: 0, data: data)
                let collector = LeadCollector(stage: stage, records: rowsSink, filters: spec.filters, logger: logger)
                let placement = WindowPlacement(inWindow: true, isTracked: comparison != nil)
                for lead in page.leads { try collector.collect(lead, prepared: nil, isTail: false, placement: placement) }
                let titles = (comparison == nil ? [] : ChangeRow.columns.map(\.title)) + stage.layout.titles
                let table = PreviewTable(
                    titles: shown.map { titles[$0] },
                    rows: rowsSink.records.map { record in
                        let cells = record.cells
                        return shown.map { Self.text(cells[$0]) }
                    })
                return (table, page.total, window, titles.count)
            }
        } catch {
            throw ExportError(wrapping: error)
        }
    }

    /// What a cell shows in the preview: the text a CSV would hold, without the formula guard.
    static func text(_ cell: Cell) -> String {
        switch cell {
        case .empty: return ""
        case .text(let text), .phone(let text), .date(let text): return text
        case .integer(let value): return String(value)
        case .number(let literal): return literal
        case .boolean(let flag): return flag ? "true" : "false"
        case .dateTime(_, let iso8601): return iso8601.string
        case .list(let items): return items.joined(separator: ", ")
        case .json(let value):
            var bytes: [UInt8] = []
            JSONWriter.append(value, to: &bytes)
            return String(decoding: bytes, as: UTF8.self)
        }
    }
}

/// The records a preview shows.
private protocol PreviewRecords: RecordSink {
    var records: [Record] { get }
}

/// The change set's records a preview shows: the first `limit` kept leads that are new or changed
/// since the last success, with their change row's cells first.
private final class ChangePreviewRows: PreviewRecords {
    let limit: Int
    let comparison: TrackedComparison
    private(set) var records: [Record] = []

    init(limit: Int, comparison: TrackedComparison) {
        self.limit = limit
        self.comparison = comparison
    }

    func write(_ lead: KeptLead, rejects: [RejectedValue]) throws -> Bool {
        guard let id = lead.id, records.count < limit,
            let change = try comparison.change(of: lead.record, id: id, fingerprint: RecordCodec.fingerprint(of: lead.record))
        else { return false }
        records.append(change.prefixing(lead.record))
        return true
    }

    func reject(leadID: Int64?, rejects: [RejectedValue]) throws {}
}

/// The records a preview shows: the first `limit` the collector keeps.
private final class PreviewRows: PreviewRecords {
    let limit: Int
    private(set) var records: [Record] = []

    init(limit: Int) { self.limit = limit }

    func write(_ lead: KeptLead, rejects: [RejectedValue]) throws -> Bool {
        if records.count < limit { records.append(lead.record) }
        return true
    }

    func reject(leadID: Int64?, rejects: [RejectedValue]) throws {}
}
