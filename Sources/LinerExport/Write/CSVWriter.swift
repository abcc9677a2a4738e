import Foundation
import LinerJSON

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
    /// The row being written; grows for a row with a huge field, never shrinks.
    private var row = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: rowRoom)

    public init(
        file: AtomicOutputFile, titles: [String], delimiter: UInt8, bom: Bool, formulaGuard: Bool, listSeparator: String = ", "
    ) throws {
        self.file = file
        self.listSeparator = listSeparator
        self.delimiter = delimiter
        self.formulaGuard = formulaGuard
        try file.withBuffer { buffer in
            if bom { buffer.append(contentsOf: [0xEF, 0xBB, 0xBF]) }
        }
        try write(Record(cells: titles.map(Cell.text), extras: []), guarded: false)
    }

    public func write(_ record: Record) throws {
        try write(record, guarded: formulaGuard)
    }

    /// Writes a row into `row` through a pointer, then appends its bytes to the file's buffer in one
    /// copy (making room in the file's buffer instead cost a 2 KiB zero fill and a cut per row). A
    /// cell that does not fit in the room left asks for more, so a huge field grows `row` once.
    private func write(_ record: Record, guarded: Bool) throws {
        let length = record.withCellViews { cells in
            var next = 0
            var position = 0
            while true {
                var output = ByteCursor(base: row.baseAddress!, position: position, limit: row.count)
                var needed = 0
                while next < cells.count {
                    needed = put(cells[next], of: cells, isFirst: next == 0, guarded: guarded, into: &output)
                    if needed > 0 { break }
                    next += 1
                }
                if next == cells.count {
                    output.put(0x0D)  // each cell left room for the line end
                    output.put(0x0A)
                    return output.position
                }
                position = output.position
                growRow(toHold: position + needed, keeping: position)
            }
        }
        try file.withBuffer { buffer in
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: row[0..<length]))
        }
    }

    /// Makes `row` hold at least `count` bytes, keeping its first `keeping`.
    private func growRow(toHold count: Int, keeping: Int) {
        let larger = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(count, 2 * row.count))
        larger.baseAddress!.initialize(from: row.baseAddress!, count: keeping)
        row.deallocate()
        row = larger
    }

    deinit {
        row.deallocate()
    }

    public func finish() throws {
        try file.close()
    }

    /// Room made for a row at a time; most rows are a few hundred bytes.
    private static let rowRoom = 2048

    /// Writes `cell` with its delimiter, or, when the room left is too small for it and a line end,
    /// writes nothing and returns the room it needs; 0 when written.
    @inline(__always)
    private func put(_ cell: CellView, of cells: CellViews, isFirst: Bool, guarded: Bool, into output: inout ByteCursor) -> Int {
        let separator = isFirst ? 0 : 1
        switch cell {
        case .empty:
            guard output.remaining >= separator + 2 else { return separator + 2 }
            if !isFirst { output.put(delimiter) }
        case .text(let text): return putField(text, guarded: guarded, isFirst: isFirst, into: &output)
        case .integer(let value):
            guard output.remaining >= separator + 22 else { return separator + 22 }
            if !isFirst { output.put(delimiter) }
            output.putDecimal(value)
        case .number(let text), .date(let text), .dateTime(_, let text):
            return putPlain(bytes: text, isFirst: isFirst, into: &output)
        case .boolean(let flag): return putPlain(flag ? "true" : "false", isFirst: isFirst, into: &output)
        case .phone(let phone): return putField(phone, guarded: false, isFirst: isFirst, into: &output)
        case .shaped(let index):
            switch cells.shapedCell(index) {
            case .list(let items):
                return putField(items.joined(separator: listSeparator), guarded: guarded, isFirst: isFirst, into: &output)
            case .json(let value):
                scratch.removeAll(keepingCapacity: true)
                JSONWriter.append(value, to: &scratch)
                return scratch.withUnsafeBufferPointer { putField($0, guarded: false, isFirst: isFirst, into: &output) }
            default:
                preconditionFailure("only lists and JSON values are shaped")
            }
        }
        return 0
    }

    /// Text that needs no quoting or guard (typed cells), copied as its bytes.
    private func putPlain(_ text: StaticString, isFirst: Bool, into output: inout ByteCursor) -> Int {
        putPlain(bytes: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount), isFirst: isFirst, into: &output)
    }

    @inline(__always)
    private func putPlain(bytes: UnsafeBufferPointer<UInt8>, isFirst: Bool, into output: inout ByteCursor) -> Int {
        let needed = bytes.count + (isFirst ? 0 : 1) + 2
        guard output.remaining >= needed else { return needed }
        if !isFirst { output.put(delimiter) }
        output.put(bytes)
        return 0
    }

    private func putField(_ text: String, guarded: Bool, isFirst: Bool, into output: inout ByteCursor) -> Int {
        text.withUTF8Bytes { putField($0, guarded: guarded, isFirst: isFirst, into: &output) }
    }

    /// Free text, quoted when it holds the delimiter, a quote or a line break (quotes doubled), and
    /// guarded with a leading `'` when `guarded` and it starts like a formula.
    private func putField(_ bytes: UnsafeBufferPointer<UInt8>, guarded: Bool, isFirst: Bool, into output: inout ByteCursor) -> Int {
        // At worst every byte a quote (doubled), two enclosing quotes, the guard, the delimiter, CRLF.
        let needed = 2 * bytes.count + 6
        guard output.remaining >= needed else { return needed }
        if !isFirst { output.put(delimiter) }
        let needsGuard = guarded && bytes.first.map(Self.isFormulaTrigger) == true
        let needsQuotes = Self.containsSpecialByte(bytes, delimiter: delimiter)
        if needsQuotes { output.put(0x22) }
        if needsGuard { output.put(UInt8(ascii: "'")) }
        if needsQuotes {
            // From quote to quote with `memchr`: long comments are the fields that get quoted.
            var runStart = 0
            while runStart < bytes.count,
                let quote = memchr(bytes.baseAddress! + runStart, 0x22, bytes.count - runStart)
            {
                let index = bytes.baseAddress!.distance(to: quote.assumingMemoryBound(to: UInt8.self))
                output.put(UnsafeBufferPointer(rebasing: bytes[runStart...index]))
                output.put(0x22)
                runStart = index + 1
            }
            output.put(UnsafeBufferPointer(rebasing: bytes[runStart...]))
            output.put(0x22)
        } else {
            output.put(bytes)
        }
        return 0
    }

    /// Whether `bytes` hold the delimiter, a quote, LF or CR: the bytes that make a field quoted.
    /// Eight bytes at a time, as long comments are common and most bytes are none of these.
    @inline(__always)
    private static func containsSpecialByte(_ bytes: UnsafeBufferPointer<UInt8>, delimiter: UInt8) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        let count = bytes.count
        var index = 0
        let delimiterWord = UInt64(delimiter) &* 0x0101_0101_0101_0101
        while index + 8 <= count {
            let word = UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
            let matches =
                zeroByteMask(word ^ delimiterWord) | zeroByteMask(word ^ 0x2222_2222_2222_2222)
                | zeroByteMask(word ^ 0x0A0A_0A0A_0A0A_0A0A) | zeroByteMask(word ^ 0x0D0D_0D0D_0D0D_0D0D)
            if matches != 0 { return true }
            index += 8
        }
        while index < count {
            let byte = base[index]
            if byte == delimiter || byte == 0x22 || byte == 0x0A || byte == 0x0D { return true }
            index += 1
        }
        return false
    }

    /// The high bit of each zero byte of `word` set, possibly also above a zero byte (never when
    /// there is none): enough to tell whether any byte is zero.
    @inline(__always)
    private static func zeroByteMask(_ word: UInt64) -> UInt64 {
        (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080
    }

    /// `=`, `+`, `-`, `@`, tab, CR: what OWASP lists as formula triggers.
    private static func isFormulaTrigger(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D: true
        default: false
        }
    }
}
