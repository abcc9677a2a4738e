import AsyncHTTPClient
import Foundation
import LinerJSON
import Logging

/// `liner-export preview`: one page of the pipeline's window, normalized exactly as `run` would,
/// with the final column names, to check a pipeline before a long run. Writes nothing.
public struct LeadPreview: Sendable {
    public let spec: PipelineSpec
    let apiKey: APIKey
    let logger: Logger

    public init(spec: PipelineSpec, apiKey: APIKey, logger: Logger) {
        self.spec = spec
        self.apiKey = apiKey
        self.logger = logger
    }

    /// The first `rows` leads of the window as a table, and the server's total for the window.
    /// - Throws: `ExportError`.
    public func table(rows: Int, now: Date = Date()) async throws -> (table: PreviewTable, total: Int?, window: ResolvedWindow) {
        let window = try ResolvedWindow(spec.window, now: now)
        let httpClient = HTTPClient(eventLoopGroupProvider: .singleton, configuration: ExportRunner.httpConfiguration(spec.source))
        do {
            let client = LinerClient(
                source: spec.source, httpClient: httpClient, apiKey: apiKey, counters: FetchCounters(), logger: logger)
            let normalizer = try await NormalizerFactory(spec: spec, logger: logger).makeNormalizer(client: client)
            let query = LeadQuery(
                createdFrom: window.from, createdBefore: window.to,
                orderIds: spec.filters.orderIds, statusIds: spec.filters.statusIds)
            let data = try await client.get("/v2/lead/", query: query.queryItems(offset: 0, limit: min(rows, 100)))
            let page = try LeadPage(offset: 0, data: data)
            var warnings = NormalizationWarnings()
            let records = try page.leads.prefix(rows).map { try normalizer.normalize($0, warnings: &warnings) }
            try await httpClient.shutdown()
            let table = PreviewTable(
                titles: normalizer.layout.titles, rows: records.map { $0.cells.map(Self.text) })
            return (table, page.total, window)
        } catch {
            try? await httpClient.shutdown()
            throw ExportRunner.exportError(error)
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
