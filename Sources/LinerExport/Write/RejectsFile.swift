import LinerJSON

/// The rejects file: one CSV row per warning, `leadId, field, warning, rawValue`, in lead order, so an
/// analyst can find each value the export could not read (or had to change) and fix it at the source.
///
/// Written like a CSV output with `bom: true` and `formulaGuard: true`: UTF-8 with a BOM, CRLF, RFC 4180
/// quoting (a raw value's delimiters, quotes and line breaks cannot break a row), and a raw value that
/// starts like a formula prefixed with `'`. Rows stream to an `AtomicOutputFile`, published with the
/// outputs or discarded with them.
final class RejectsFile {
    static let titles = ["leadId", "field", "warning", "rawValue"]

    let file: AtomicOutputFile
    private let writer: CSVWriter
    /// Where each column key is in a record, to find the cell a writer's warning names.
    private let columnIndex: [String: Int]
    private let titles: [String]
    private(set) var rows = 0

    /// - Throws: `ExportError.output`.
    init(path: String, delimiter: UInt8, layout: ColumnLayout) throws {
        file = try AtomicOutputFile(finalPath: path, gzip: path.hasSuffix(".gz"))
        do {
            writer = try CSVWriter(file: file, titles: Self.titles, delimiter: delimiter, bom: true, formulaGuard: .quote)
        } catch {
            file.discard()
            throw error
        }
        columnIndex = Dictionary(layout.columns.enumerated().map { ($1.key, $0) }, uniquingKeysWith: { first, _ in first })
        titles = layout.columns.map(\.title)
    }

    /// Writes a row without a lead id per warning a writer counted before its first record (a column
    /// title XML cannot hold), with the title as the raw value.
    func writeHeaderWarnings(of writer: RecordWriter) throws {
        guard writer.warnings.total > 0 else { return }
        try write(writerRejects(before: NormalizationWarnings(), after: writer.warnings, record: nil), leadID: nil)
    }

    /// Writes a row per warning of the lead `leadID` (nil: a lead without a readable id).
    func write(_ rejects: [RejectedValue], leadID: Int64?) throws {
        for reject in rejects {
            try writer.write(Record(
                cells: [leadID.map(Cell.integer) ?? .empty, .text(reject.field), .text(reject.kind.rawValue), .text(reject.value)],
                extras: []))
            rows += 1
        }
    }

    /// The warnings a writer counted while it wrote `record` (what `after` holds beyond `before`), each
    /// with the cell its field names (`xlsx: name` → the `name` cell; the column's title without a
    /// record), in a fixed order.
    func writerRejects(before: NormalizationWarnings, after: NormalizationWarnings, record: Record?) -> [RejectedValue] {
        var rejects: [RejectedValue] = []
        for (key, count) in after.counts.sorted(by: { $0.key < $1.key }) {
            let added = count - (before.counts[key] ?? 0)
            guard added > 0 else { continue }
            let value = cellText(named: key.field, in: record)
            rejects += repeatElement(RejectedValue(kind: key.kind, field: key.field, value: value), count: added)
        }
        return rejects
    }

    /// The text of the cell (or extra member) a writer's field names: `xlsx: name`, `xml: custom.99`.
    private func cellText(named field: String, in record: Record?) -> String {
        let name = field.range(of: ": ").map { String(field[$0.upperBound...]) } ?? field
        guard let record else { return columnIndex[name].map { titles[$0] } ?? "" }
        if let index = columnIndex[name], index < record.count { return Self.text(of: record.cell(at: index)) }
        if let extra = record.extras.first(where: { $0.key == name }) { return RejectedValue.text(of: extra.value) }
        return ""
    }

    private static func text(of cell: Cell) -> String {
        switch cell {
        case .empty: return ""
        case .text(let text), .phone(let text), .number(let text), .date(let text): return text
        case .integer(let value): return String(value)
        case .boolean(let flag): return flag ? "true" : "false"
        case .dateTime(_, let iso8601): return iso8601.string
        case .list(let items): return RejectedValue.text(of: .array(items.map(JSONValue.string)))
        case .json(let value): return RejectedValue.text(of: value)
        }
    }

    /// Flushes and closes the file; it stays unpublished.
    func finish() throws {
        try writer.finish()
    }
}
