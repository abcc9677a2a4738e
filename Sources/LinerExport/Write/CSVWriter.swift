/// RFC 4180 CSV: a header row, CRLF line ends, fields quoted when they hold the delimiter, a quote or
/// a line break.
///
/// With `formulaGuard`, free text that a spreadsheet would run as a formula (starting with `=`, `+`,
/// `-`, `@`, tab or CR) gets a leading `'`. Typed cells are never guarded: a validated phone
/// (`+79001234567`), a number (`-5`) or a date cannot carry a formula, and mangling them would break
/// joins on them.
public final class CSVWriter: RecordWriter {
    private let file: AtomicOutputFile
    private let delimiter: UInt8
    private let formulaGuard: Bool
    private let listSeparator: String
    private var scratch: [UInt8] = []

    public init(
        file: AtomicOutputFile, titles: [String], delimiter: UInt8, bom: Bool, formulaGuard: Bool, listSeparator: String = ", "
    ) throws {
        self.file = file
        self.listSeparator = listSeparator
        self.delimiter = delimiter
        self.formulaGuard = formulaGuard
        try file.withBuffer { buffer in
            if bom { buffer.append(contentsOf: [0xEF, 0xBB, 0xBF]) }
            for (index, title) in titles.enumerated() {
                if index > 0 { buffer.append(delimiter) }
                appendField(title, guarded: false, to: &buffer)
            }
            buffer.append(contentsOf: [0x0D, 0x0A])
        }
    }

    public func write(_ record: Record) throws {
        try file.withBuffer { buffer in
            for (index, cell) in record.cells.enumerated() {
                if index > 0 { buffer.append(delimiter) }
                append(cell, to: &buffer)
            }
            buffer.append(contentsOf: [0x0D, 0x0A])
        }
    }

    public func finish() throws {
        try file.close()
    }

    private func append(_ cell: Cell, to buffer: inout [UInt8]) {
        switch cell {
        case .empty: break
        case .text(let text): appendField(text, guarded: formulaGuard, to: &buffer)
        case .integer(let value): buffer.append(contentsOf: String(value).utf8)
        case .number(let literal): buffer.append(contentsOf: literal.utf8)
        case .boolean(let flag): buffer.append(contentsOf: (flag ? "true" : "false").utf8)
        case .dateTime(_, let iso8601): buffer.append(contentsOf: iso8601.utf8)
        case .phone(let phone): appendField(phone, guarded: false, to: &buffer)
        case .date(let iso8601): buffer.append(contentsOf: iso8601.utf8)
        case .list(let items): appendField(items.joined(separator: listSeparator), guarded: formulaGuard, to: &buffer)
        case .json(let value):
            scratch.removeAll(keepingCapacity: true)
            JSONWriter.append(value, to: &scratch)
            appendField(String(decoding: scratch, as: UTF8.self), guarded: false, to: &buffer)
        }
    }

    private func appendField(_ text: String, guarded: Bool, to buffer: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            let needsGuard = guarded && bytes.first.map(Self.formulaTriggers.contains) == true
            let needsQuotes = bytes.contains { $0 == delimiter || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
            if needsQuotes { buffer.append(0x22) }
            if needsGuard { buffer.append(UInt8(ascii: "'")) }
            if needsQuotes {
                for byte in bytes {
                    buffer.append(byte)
                    if byte == 0x22 { buffer.append(0x22) }
                }
                buffer.append(0x22)
            } else {
                buffer.append(contentsOf: bytes)
            }
        }
    }

    /// `=`, `+`, `-`, `@`, tab, CR: what OWASP lists as formula triggers.
    private static let formulaTriggers: Set<UInt8> = [0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D]
}
