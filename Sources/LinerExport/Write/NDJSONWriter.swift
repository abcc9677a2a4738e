import LinerJSON

/// Newline-delimited JSON: one object per lead, keys in column order with typed values (numbers as
/// numbers, Booleans as Booleans, empty as null), then every member no column holds, so nothing of
/// the lead is dropped.
///
/// Strict JSON: a number no double can hold (`1e999`) is written as a string, counted as
/// `non_finite_number`; no object has a key twice: a member no column holds whose key is taken (by a
/// column, the `customFields` object or an earlier member) is written as `key (extra)`, counted as
/// `ndjson_key_renamed`.
///
/// Each row is built in one reused `ByteSink`, a value at a time through a pointer after one capacity
/// check, then appended to the file's buffer in one copy.
public final class NDJSONWriter: RecordWriter {
    private let file: AtomicOutputFile
    /// Column titles, already quoted and escaped as JSON keys followed by `:`, one after the other
    /// (one array, so writing a key retains nothing); `keyRanges[column]` finds each.
    private let keyBytes: [UInt8]
    private let keyRanges: [Range<Int>]
    /// `NDJSONShape.nested`: which columns go into the `"customFields"` object; empty for flat.
    private let groupedColumns: [Bool]
    /// The keys of a row's object that columns take (with `customFields` when nested): a member no
    /// column holds never takes one of them.
    private let columnKeys: Set<String>
    /// The name of each column in warnings: `ndjson: <column key>`.
    private let fieldNames: [String]
    /// Number cells written as strings, by column.
    private var nonFiniteCounts: [Int]
    /// What was changed in members no column holds.
    private var extraWarnings = NormalizationWarnings()
    /// The row being written; grows for a row with a huge value, never shrinks.
    private var row = ByteSink(capacity: 4096)

    /// - Parameter keys: the columns' keys, naming them in warnings; nil names them by their titles.
    /// - Parameter groupedColumns: for `NDJSONShape.nested`, true for each column that goes into the
    ///   `"customFields"` object (written where the first of them is); empty writes every column flat.
    public init(file: AtomicOutputFile, titles: [String], keys: [String]? = nil, groupedColumns: [Bool] = []) {
        self.file = file
        fieldNames = (keys ?? titles).map { "ndjson: " + $0 }
        nonFiniteCounts = Array(repeating: 0, count: titles.count)
        let isNested = groupedColumns.contains(true)
        var columnKeys = Set(titles.indices.filter { !isNested || !groupedColumns[$0] }.map { titles[$0] })
        if isNested { columnKeys.insert(Self.groupKey) }
        self.columnKeys = columnKeys
        var keyBytes: [UInt8] = []
        keyRanges = titles.map { title in
            let start = keyBytes.count
            JSONWriter.appendString(title, to: &keyBytes)
            keyBytes.append(UInt8(ascii: ":"))
            return start..<keyBytes.count
        }
        self.keyBytes = keyBytes
        self.groupedColumns = groupedColumns.contains(true) ? groupedColumns : []
    }

    /// A writer for `layout` in `shape`.
    public convenience init(file: AtomicOutputFile, layout: ColumnLayout, shape: NDJSONShape) {
        let grouped = layout.columns.map { column in
            if case .custom = column.source { return shape == .nested }
            return false
        }
        self.init(file: file, titles: layout.titles, keys: layout.columns.map(\.key), groupedColumns: grouped)
    }

    /// The key of the nested shape's object of custom field columns.
    static let groupKey = "customFields"

    public var warnings: NormalizationWarnings {
        var warnings = extraWarnings
        for (name, count) in zip(fieldNames, nonFiniteCounts) where count > 0 {
            warnings.record(.nonFiniteNumber, field: name, count: count)
        }
        return warnings
    }

    public func write(_ record: Record) throws {
        render(record, into: &row)
        try file.withBuffer { row.appendContents(to: &$0) }
    }

    public func finish() throws {
        try file.close()
    }

    /// Writes `record`'s line into `row` (passed in, so the whole row is one access to the property).
    private func render(_ record: Record, into row: inout ByteSink) {
        row.removeAll()
        row.writeByte(UInt8(ascii: "{"))
        keyBytes.withUnsafeBufferPointer { keys in
            record.withCellViews { cells in
                if groupedColumns.isEmpty {
                    for index in 0..<cells.count {
                        putKey(of: index, keys: keys, isFirst: index == 0, into: &row)
                        put(cells[index], of: cells, column: index, into: &row)
                    }
                } else {
                    renderNested(cells, keys: keys, into: &row)
                }
            }
        }
        if !record.extras.isEmpty { renderExtras(record.extras, into: &row) }
        row.write(room: 2) { output in
            output.put(UInt8(ascii: "}"))
            output.put(0x0A)
        }
    }

    private func renderNested(_ cells: CellViews, keys: UnsafeBufferPointer<UInt8>, into row: inout ByteSink) {
        var wroteGroup = false
        for index in 0..<cells.count {
            if groupedColumns[index] {
                guard !wroteGroup else { continue }
                wroteGroup = true
                if row.last != UInt8(ascii: "{") { row.writeByte(UInt8(ascii: ",")) }
                row.writeLiteral(#""customFields":{"#)  // `groupKey`
                var isFirst = true
                for member in 0..<cells.count where groupedColumns[member] {
                    putKey(of: member, keys: keys, isFirst: isFirst, into: &row)
                    isFirst = false
                    put(cells[member], of: cells, column: member, into: &row)
                }
                row.writeByte(UInt8(ascii: "}"))
                continue
            }
            putKey(of: index, keys: keys, isFirst: row.last == UInt8(ascii: "{"), into: &row)
            put(cells[index], of: cells, column: index, into: &row)
        }
    }

    /// Writes the members no column holds, each under a key of its own and with finite numbers.
    private func renderExtras(_ extras: [(key: String, value: JSONValue)], into row: inout ByteSink) {
        var written: [String] = []
        for extra in extras {
            var key = extra.key
            if columnKeys.contains(key) || written.contains(key) {
                extraWarnings.record(.renamedKey, field: "ndjson: " + extra.key)
                var attempt = 1
                repeat {
                    key = extra.key + (attempt == 1 ? " (extra)" : " (extra \(attempt))")
                    attempt += 1
                } while columnKeys.contains(key) || written.contains(key) || extras.contains { $0.key == key }
            }
            if extras.count > 1 { written.append(key) }
            let (value, replaced) = extra.value.withFiniteNumbers()
            if replaced > 0 { extraWarnings.record(.nonFiniteNumber, field: "ndjson: " + extra.key, count: replaced) }
            if row.last != UInt8(ascii: "{") { row.writeByte(UInt8(ascii: ",")) }
            row.writeQuoted(key)
            row.writeByte(UInt8(ascii: ":"))
            row.write(value)
        }
    }

    /// Writes column `column`'s key and colon, after a comma unless it comes first in its object.
    @inline(__always)
    private func putKey(of column: Int, keys: UnsafeBufferPointer<UInt8>, isFirst: Bool, into row: inout ByteSink) {
        let key = UnsafeBufferPointer(rebasing: keys[keyRanges[column]])
        row.write(room: key.count + 1) { output in
            if !isFirst { output.put(UInt8(ascii: ",")) }
            output.put(key)
        }
    }

    @inline(__always)
    private func put(_ cell: CellView, of cells: CellViews, column: Int, into row: inout ByteSink) {
        switch cell {
        case .empty: row.writeLiteral("null")
        case .text(let text), .phone(let text), .date(let text): row.writeQuoted(text)
        case .integer(let value): row.write(room: ByteCursor.decimalRoom) { $0.putDecimal(value) }
        case .number(let literal):
            if JSONValue.isFiniteNumber(literal) {
                row.writeBytes(literal)
            } else {
                nonFiniteCounts[column] += 1
                row.writeQuoted(literal)
            }
        case .boolean(let flag): row.writeLiteral(flag ? "true" : "false")
        case .dateTime(_, let iso8601):
            // ASCII digits and signs only: nothing to escape.
            row.write(room: iso8601.count + 2) { output in
                output.put(UInt8(ascii: "\""))
                output.put(iso8601)
                output.put(UInt8(ascii: "\""))
            }
        case .shaped(let index):
            switch cells.shapedCell(index) {
            case .list(let items):
                row.writeByte(UInt8(ascii: "["))
                for index in items.indices {
                    if index > 0 { row.writeByte(UInt8(ascii: ",")) }
                    row.writeQuoted(items[index])
                }
                row.writeByte(UInt8(ascii: "]"))
            case .json(let value):
                let (finite, replaced) = value.withFiniteNumbers()
                if replaced > 0 { nonFiniteCounts[column] += 1 }
                row.write(finite)
            default: preconditionFailure("only lists and JSON values are shaped")
            }
        }
    }
}
