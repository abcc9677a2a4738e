import LinerJSON

/// A record's cells as one line of JSON, lossless for every `Cell` kind, and their fingerprint: how the
/// tracked-lead store keeps the version of each lead the last run published.
///
/// A line is a JSON array: the lead's creation time (milliseconds since the epoch), then one element
/// per cell in column order. Plain JSON where it cannot be mistaken, a one-letter object otherwise:
///
/// | cell                  | element                                   |
/// |-----------------------|-------------------------------------------|
/// | empty                 | `null`                                    |
/// | text                  | `"…"`                                     |
/// | integer               | `42`                                      |
/// | boolean               | `true` / `false`                          |
/// | number literal        | `{"n":"1e3"}` (kept as its text)          |
/// | date-time             | `{"d":1700000000000,"s":"2023-…+03:00"}`  |
/// | date                  | `{"D":"2024-03-01"}`                      |
/// | phone                 | `{"p":"+7…"}`                             |
/// | list                  | `{"l":["a","b"]}`                         |
/// | JSON value            | `{"j":<value>}`                           |
///
/// `Record.extras` are not kept. A JSON value round-trips exactly when its number literals are valid
/// JSON (all that `JSONParser` produces; `JSONWriter` writes any other as a string).
enum RecordCodec {
    /// Appends `record` as one line, without the newline: `[createdAt,cell,cell,…]`.
    static func encode(_ record: Record, createdAt: Int64, into line: inout [UInt8]) {
        var sink = ByteSink(capacity: record.count * 24 + 32)
        sink.writeByte(UInt8(ascii: "["))
        sink.write(room: ByteCursor.decimalRoom) { $0.putDecimal(createdAt) }
        writeCells(of: record, into: &sink)
        sink.writeByte(UInt8(ascii: "]"))
        sink.appendContents(to: &line)
    }

    /// The first 8 bytes (big-endian) of the SHA-256 of the record's encoded cells (what `encode` writes
    /// after the creation time): equal cells give equal fingerprints, and any change of a cell's value or
    /// kind (text `"1"` against integer `1`) a different one. Extras do not count. Text compares by its
    /// bytes, not by Unicode equivalence. About 2.3 µs for 47 cells in release.
    static func fingerprint(of record: Record) -> UInt64 {
        var sink = ByteSink(capacity: record.count * 24 + 16)
        writeCells(of: record, into: &sink)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(sink.count)
        sink.appendContents(to: &bytes)
        return bytes.withUnsafeBytes { SHA256.first64Bits(of: $0) }
    }

    /// Writes `,cell` for every cell, reading the record's text in place.
    private static func writeCells(of record: Record, into sink: inout ByteSink) {
        record.withCellViews { cells in
            for column in 0..<cells.count {
                sink.writeByte(UInt8(ascii: ","))
                write(cells[column], of: cells, into: &sink)
            }
        }
    }

    @inline(__always)
    private static func write(_ cell: CellView, of cells: CellViews, into sink: inout ByteSink) {
        switch cell {
        case .empty: sink.writeLiteral("null")
        case .text(let text): sink.writeQuoted(text)
        case .integer(let value): sink.write(room: ByteCursor.decimalRoom) { $0.putDecimal(value) }
        case .boolean(let flag): sink.writeLiteral(flag ? "true" : "false")
        case .number(let literal): writeTagged("{\"n\":", literal, into: &sink)
        case .date(let text): writeTagged("{\"D\":", text, into: &sink)
        case .phone(let text): writeTagged("{\"p\":", text, into: &sink)
        case .dateTime(let timestamp, let iso8601):
            sink.writeLiteral("{\"d\":")
            sink.write(room: ByteCursor.decimalRoom) { $0.putDecimal(timestamp.millisecondsSinceEpoch) }
            sink.writeLiteral(",\"s\":")
            sink.writeQuoted(iso8601)
            sink.writeByte(UInt8(ascii: "}"))
        case .shaped(let index):
            switch cells.shapedCell(index) {
            case .list(let items):
                sink.writeLiteral("{\"l\":[")
                for position in items.indices {
                    if position > 0 { sink.writeByte(UInt8(ascii: ",")) }
                    sink.writeQuoted(items[position])
                }
                sink.writeLiteral("]}")
            case .json(let value):
                sink.writeLiteral("{\"j\":")
                sink.write(value)
                sink.writeByte(UInt8(ascii: "}"))
            default: preconditionFailure("only lists and JSON values are shaped")
            }
        }
    }

    /// Writes `{"<tag>":"text"}`; `opening` is `{"<tag>":`.
    @inline(__always)
    private static func writeTagged(_ opening: StaticString, _ text: UnsafeBufferPointer<UInt8>, into sink: inout ByteSink) {
        sink.writeLiteral(opening)
        sink.writeQuoted(text)
        sink.writeByte(UInt8(ascii: "}"))
    }
}
