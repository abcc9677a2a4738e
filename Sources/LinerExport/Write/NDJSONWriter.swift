/// Newline-delimited JSON: one object per lead, keys in column order with typed values (numbers as
/// numbers, Booleans as Booleans, empty as null), then every member no column holds, so nothing of
/// the lead is dropped.
public final class NDJSONWriter: RecordWriter {
    private let file: AtomicOutputFile
    /// Column titles, already quoted and escaped as JSON keys followed by `:`.
    private let encodedKeys: [[UInt8]]

    public init(file: AtomicOutputFile, titles: [String]) {
        self.file = file
        encodedKeys = titles.map { title in
            var key: [UInt8] = []
            JSONWriter.appendString(title, to: &key)
            key.append(UInt8(ascii: ":"))
            return key
        }
    }

    public func write(_ record: Record) throws {
        try file.withBuffer { buffer in
            buffer.append(UInt8(ascii: "{"))
            for (index, cell) in record.cells.enumerated() {
                if index > 0 { buffer.append(UInt8(ascii: ",")) }
                buffer.append(contentsOf: encodedKeys[index])
                append(cell, to: &buffer)
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

    public func finish() throws {
        try file.close()
    }

    private func append(_ cell: Cell, to buffer: inout [UInt8]) {
        switch cell {
        case .empty: buffer.append(contentsOf: "null".utf8)
        case .text(let text), .phone(let text): JSONWriter.appendString(text, to: &buffer)
        case .integer(let value): buffer.append(contentsOf: String(value).utf8)
        case .number(let literal): buffer.append(contentsOf: literal.utf8)
        case .boolean(let flag): buffer.append(contentsOf: (flag ? "true" : "false").utf8)
        case .dateTime(_, let iso8601): JSONWriter.appendString(iso8601, to: &buffer)
        case .date(let iso8601): JSONWriter.appendString(iso8601, to: &buffer)
        case .list(let items): JSONWriter.append(.array(items.map(JSONValue.string)), to: &buffer)
        case .json(let value): JSONWriter.append(value, to: &buffer)
        }
    }
}
