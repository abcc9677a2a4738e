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
    /// - Throws: `ExportError`; `.badArguments` for a column the pipeline does not have, before the page is asked for.
    public func table(
        rows: Int, columns: [String]? = nil, now: Date = Date()
    ) async throws -> (table: PreviewTable, total: Int?, window: ResolvedWindow, columnCount: Int) {
        do {
            let apiKey = try self.apiKey ?? APIKey.resolve(spec.source)
            let window = try ResolvedWindow(spec.window, now: now)
            return try await HTTPClient.withHTTPClient(configuration: .init(source: spec.source)) { httpClient in
                let client = LinerClient(
                    source: spec.source, httpClient: httpClient, apiKey: apiKey, counters: FetchCounters(), logger: logger)
                let stage = NormalizeStage(normalizer: try await NormalizerFactory(spec: spec, logger: logger).makeNormalizer(client: client))
                let shown = try PreviewColumns.select(columns, layout: stage.layout, spec: spec)
                let query = FetchWindow(from: window.from, to: window.to)
                    .query(orderIds: spec.filters.orderIds, statusIds: spec.filters.serverStatusIds)
                let data = try await client.get("/v2/lead/", query: query.queryItems(offset: 0, limit: min(rows, 100)))
                let page = try LeadPage(offset: 0, data: data)
                let kept = PreviewRows(limit: rows)
                let collector = LeadCollector(stage: stage, records: kept, filters: spec.filters, logger: logger)
                for lead in page.leads { try collector.collect(lead, prepared: nil, isTail: false) }
                let titles = stage.layout.titles
                let table = PreviewTable(
                    titles: shown.map { titles[$0] },
                    rows: kept.records.map { record in
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

/// The records a preview shows: the first `limit` the collector keeps.
private final class PreviewRows: RecordSink {
    let limit: Int
    private(set) var records: [Record] = []

    init(limit: Int) { self.limit = limit }

    func write(_ record: Record, leadID: Int64?, rejects: [RejectedValue]) throws {
        if records.count < limit { records.append(record) }
    }

    func reject(leadID: Int64?, rejects: [RejectedValue]) throws {}
}
