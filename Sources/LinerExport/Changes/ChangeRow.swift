/// How a tracked lead changed since the last successful run published it.
public enum ChangeType: String, Sendable, CaseIterable {
    /// Not published before: new in the rescan range (every tracked lead, on the first changes run).
    case created
    /// Published before with other values (or it no longer matches the pipeline's filters).
    case updated
    /// Published before, and now gone: the detail endpoint answers 404.
    case archived
}

/// A lead's row in the change set: what happened to it, and which columns differ from the last
/// published values (empty for `created` and `archived`).
struct ChangeRow: Sendable, Equatable {
    var type: ChangeType
    var changedFields: [String] = []

    /// The two columns a change set output has before the lead's own.
    static let columns = [
        Column(key: "changeType", title: "changeType", source: .field(LeadField(name: "changeType", kind: .text))),
        Column(key: "changedFields", title: "changedFields", source: .field(LeadField(name: "changedFields", kind: .text))),
    ]

    /// `record` with this row's two cells first: `changedFields` is a list (an array in NDJSON, joined
    /// with the output's `listSeparator` in table formats).
    func prefixing(_ record: Record) -> Record {
        var row = Record(columnCount: record.count + 2)
        row.appendText(type.rawValue)
        row.append(.list(changedFields))
        for cell in record.cells { row.append(cell) }
        row.extras = record.extras
        return row
    }
}
