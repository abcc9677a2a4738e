/// Newline-delimited JSON: one object per lead, keys in column order with typed values (numbers as
/// numbers, Booleans as Booleans, empty as null), then every member no column holds, so nothing of
/// the lead is dropped.
public final class NDJSONWriter: RecordWriter {
    private let file: AtomicOutputFile
    /// Column titles, already quoted and escaped as JSON keys followed by `:`, one after the other
    /// (one array, so writing a key retains nothing); `keyRanges[column]` finds each.
    private let keyBytes: [UInt8]
    private let keyRanges: [Range<Int>]
    /// `NDJSONShape.nested`: which columns go into the `"customFields"` object; empty for flat.
    private let groupedColumns: [Bool]

    /// - Parameter groupedColumns: for `NDJSONShape.nested`, true for each column that goes into the
    ///   `"customFields"` object (written where the first of them is); empty writes every column flat.
    public init(file: AtomicOutputFile, titles: [String], groupedColumns: [Bool] = []) {
        self.file = file
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
        self.init(file: file, titles: layout.titles, groupedColumns: grouped)
    }

    public func write(_ record: Record) throws {
        try file.withBuffer { buffer in
            buffer.append(UInt8(ascii: "{"))
            if groupedColumns.isEmpty {
                keyBytes.withUnsafeBufferPointer { keys in
                    for index in record.cells.indices {
                        if index > 0 { buffer.append(UInt8(ascii: ",")) }
                        buffer.append(contentsOf: UnsafeBufferPointer(rebasing: keys[keyRanges[index]]))
                        append(record.cells[index], to: &buffer)
                    }
                }
            } else {
                writeNested(record.cells, to: &buffer)
            }
            for extra in record.extras {
                if buffer.last != UInt8(ascii: "{") { buffer.append(UInt8(ascii: ",")) }
                JSONWriter.appendString(extra.key, to: &buffer)
                buffer.append(UInt8(ascii: ":"))
                JSONWriter.append(extra.value, to: &buffer)
            }
            buffer.append(contentsOf: [UInt8(ascii: "}"), 0x0A])
        }
    }

    private func writeNested(_ cells: [Cell], to buffer: inout [UInt8]) {
        var wroteGroup = false
        for (index, cell) in cells.enumerated() {
            if groupedColumns[index] {
                guard !wroteGroup else { continue }
                wroteGroup = true
                if buffer.last != UInt8(ascii: "{") { buffer.append(UInt8(ascii: ",")) }
                buffer.append(contentsOf: #""customFields":{"#.utf8)
                var isFirst = true
                for (member, memberCell) in cells.enumerated() where groupedColumns[member] {
                    if !isFirst { buffer.append(UInt8(ascii: ",")) }
                    isFirst = false
                    buffer.append(contentsOf: keyBytes[keyRanges[member]])
                    append(memberCell, to: &buffer)
                }
                buffer.append(UInt8(ascii: "}"))
                continue
            }
            if buffer.last != UInt8(ascii: "{") { buffer.append(UInt8(ascii: ",")) }
            buffer.append(contentsOf: keyBytes[keyRanges[index]])
            append(cell, to: &buffer)
        }
    }

    public func finish() throws {
        try file.close()
    }

    private func append(_ cell: Cell, to buffer: inout [UInt8]) {
        switch cell {
        case .empty: buffer.append(contentsOf: "null".utf8)
        case .text(let text), .phone(let text): JSONWriter.appendString(text, to: &buffer)
        case .integer(let value): JSONWriter.appendDecimal(value, to: &buffer)
        case .number(let literal): buffer.append(contentsOf: literal.utf8)
        case .boolean(let flag): buffer.append(contentsOf: (flag ? "true" : "false").utf8)
        case .dateTime(_, let iso8601):
            // ASCII digits and signs only: nothing to escape.
            buffer.append(UInt8(ascii: "\""))
            iso8601.withUTF8 { buffer.append(contentsOf: $0) }
            buffer.append(UInt8(ascii: "\""))
        case .date(let iso8601): JSONWriter.appendString(iso8601, to: &buffer)
        case .list(let items): JSONWriter.append(.array(items.map(JSONValue.string)), to: &buffer)
        case .json(let value): JSONWriter.append(value, to: &buffer)
        }
    }
}
