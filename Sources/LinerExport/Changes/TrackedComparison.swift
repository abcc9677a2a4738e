/// Compares leads with the versions the last successful run published: by fingerprint when the
/// columns are the same, else column by column (a column the last run did not have counts as empty there).
struct TrackedComparison {
    let previous: TrackedLeads
    /// The run's column keys, in order.
    let columnKeys: [String]
    /// The previous generation's column index of each of the run's columns (nil: it had none).
    private let previousColumns: [Int?]
    /// The previous generation has exactly the run's columns, so equal fingerprints mean equal values.
    private let comparesFingerprints: Bool

    init(previous: TrackedLeads, layout: ColumnLayout) {
        self.previous = previous
        columnKeys = layout.columns.map(\.key)
        let previousIndex = Dictionary(previous.columnKeys.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        previousColumns = columnKeys.map { previousIndex[$0] }
        comparesFingerprints = previous.columnKeys == columnKeys
    }

    /// The lead's row in the change set: `created` when it was not tracked, `updated` with the columns
    /// that differ, nil when nothing does. Marks it seen.
    func change(of record: Record, id: Int64, fingerprint: UInt64) throws -> ChangeRow? {
        guard let index = previous.index(of: id) else { return ChangeRow(type: .created) }
        previous.markSeen(index)
        if comparesFingerprints && previous.fingerprint(at: index) == fingerprint { return nil }
        let fields = try changedFields(record, previousAt: index)
        return fields.isEmpty ? nil : ChangeRow(type: .updated, changedFields: fields)
    }

    /// The keys of the run's columns whose values differ from the previous generation's lead at `index`.
    func changedFields(_ record: Record, previousAt index: Int) throws -> [String] {
        let before = try previousRecord(at: index)
        return columnKeys.indices.filter { record.cell(at: $0) != before.cell(at: $0) }.map { columnKeys[$0] }
    }

    /// The values last published for the lead at `index`, in the run's columns.
    func previousRecord(at index: Int) throws -> Record {
        let cells = try previous.values(at: index).cells
        return Record(cells: previousColumns.map { $0.flatMap { $0 < cells.count ? cells[$0] : nil } ?? .empty }, extras: [])
    }
}
