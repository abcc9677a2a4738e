import Foundation
import LinerJSON

/// RFC 4180 CSV: a header row, CRLF line ends, fields quoted when they hold the delimiter, a quote or
/// a line break.
///
/// Free text a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, tab or CR) gets
/// the `formulaGuard`'s prefix, header titles included (custom field titles are the server's data).
/// Typed cells are never guarded: a validated phone (`+79001234567`), a number (`-5`) or a date cannot
/// carry a formula, and mangling them would break joins on them. Guarded cells are counted by column.
///
/// C0 controls other than tab, LF and CR (NUL above all, which Python's `csv` refuses) become U+FFFD,
/// counted as `control_character` by column.
public final class CSVWriter: RecordWriter {
    private let file: AtomicOutputFile
    private let delimiter: UInt8
    /// What goes before a formula trigger; nil writes text as it is.
    private let guardPrefix: UInt8?
    private let listSeparator: String
    /// The name of each column in counts: `csv: <column key>`.
    private let fieldNames: [String]
    /// Cells given the guard's prefix, and cells whose control characters were replaced, by column.
    private var guardedCounts: [Int]
    private var controlCounts: [Int]
    private var scratch: [UInt8] = []
    /// The row being written; grows for a row with a huge field, never shrinks.
    private var row = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: rowRoom)

    /// - Parameter keys: the columns' keys, naming them in counts; nil names them by their titles.
    public init(
        file: AtomicOutputFile, titles: [String], keys: [String]? = nil, delimiter: UInt8, bom: Bool,
        formulaGuard: FormulaGuard, listSeparator: String = ", "
    ) throws {
        self.file = file
        self.listSeparator = listSeparator
        self.delimiter = delimiter
        guardPrefix = formulaGuard.prefix
        fieldNames = (keys ?? titles).map { "csv: " + $0 }
        guardedCounts = Array(repeating: 0, count: titles.count)
        controlCounts = Array(repeating: 0, count: titles.count)
        try file.withBuffer { buffer in
            if bom { buffer.append(contentsOf: [0xEF, 0xBB, 0xBF]) }
        }
        try write(Record(cells: titles.map(Cell.text), extras: []))
    }

    /// Cells whose control characters became U+FFFD, by column.
    public var warnings: NormalizationWarnings {
        var warnings = NormalizationWarnings()
        for (name, count) in zip(fieldNames, controlCounts) where count > 0 {
            warnings.record(.controlCharacter, field: name, count: count)
        }
        return warnings
    }

    /// Cells given the formula guard's prefix, by column (`csv: instagram`), header cells included.
    public var formulaGuarded: [String: Int] {
        var counts: [String: Int] = [:]
        for (name, count) in zip(fieldNames, guardedCounts) where count > 0 { counts[name, default: 0] += count }
        return counts
    }

    /// Writes a row into `row` through a pointer, then appends its bytes to the file's buffer in one
    /// copy (making room in the file's buffer instead cost a 2 KiB zero fill and a cut per row). A
    /// cell that does not fit in the room left asks for more, so a huge field grows `row` once.
    public func write(_ record: Record) throws {
        let length = record.withCellViews { cells in
            var next = 0
            var position = 0
            while true {
                var output = ByteCursor(base: row.baseAddress!, position: position, limit: row.count)
                var needed = 0
                while next < cells.count {
                    needed = put(cells[next], of: cells, column: next, into: &output)
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
    private func put(_ cell: CellView, of cells: CellViews, column: Int, into output: inout ByteCursor) -> Int {
        let isFirst = column == 0
        let separator = isFirst ? 0 : 1
        switch cell {
        case .empty:
            guard output.remaining >= separator + 2 else { return separator + 2 }
            if !isFirst { output.put(delimiter) }
        case .text(let text): return putField(text, guarded: true, column: column, into: &output)
        case .integer(let value):
            guard output.remaining >= separator + 22 else { return separator + 22 }
            if !isFirst { output.put(delimiter) }
            output.putDecimal(value)
        case .number(let text), .date(let text), .dateTime(_, let text):
            return putPlain(bytes: text, isFirst: isFirst, into: &output)
        case .boolean(let flag): return putPlain(flag ? "true" : "false", isFirst: isFirst, into: &output)
        case .phone(let phone): return putField(phone, guarded: false, column: column, into: &output)
        case .shaped(let index):
            switch cells.shapedCell(index) {
            case .list(let items):
                return putField(items.joined(separator: listSeparator), guarded: true, column: column, into: &output)
            case .json(let value):
                scratch.removeAll(keepingCapacity: true)
                JSONWriter.append(value, to: &scratch)
                return scratch.withUnsafeBufferPointer { putField($0, guarded: false, column: column, into: &output) }
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

    private func putField(_ text: String, guarded: Bool, column: Int, into output: inout ByteCursor) -> Int {
        text.withUTF8Bytes { putField($0, guarded: guarded, column: column, into: &output) }
    }

    /// Free text, quoted when it holds the delimiter, a quote or a line break (quotes doubled), given
    /// the guard's prefix when `guarded` and it starts like a formula, its controls replaced.
    private func putField(_ bytes: UnsafeBufferPointer<UInt8>, guarded: Bool, column: Int, into output: inout ByteCursor) -> Int {
        let isFirst = column == 0
        let scan = Self.scan(bytes, delimiter: delimiter)
        // At worst every byte a quote (doubled) or a control (U+FFFD, three bytes), two enclosing
        // quotes, the guard, the delimiter, CRLF.
        let needed = (scan.hasControl ? 3 : 2) * bytes.count + 6
        guard output.remaining >= needed else { return needed }
        if !isFirst { output.put(delimiter) }
        let prefix = guarded && bytes.first.map(Self.isFormulaTrigger) == true ? guardPrefix : nil
        // A tab guard in a tab-separated file must be inside quotes.
        let needsQuotes = scan.needsQuotes || (prefix != nil && prefix == delimiter)
        if needsQuotes { output.put(0x22) }
        if let prefix {
            output.put(prefix)
            guardedCounts[column] += 1
        }
        if scan.hasControl {
            controlCounts[column] += 1
            Self.putReplacingControls(bytes, doublingQuotes: needsQuotes, into: &output)
        } else if needsQuotes {
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
        } else {
            output.put(bytes)
        }
        if needsQuotes { output.put(0x22) }
        return 0
    }

    /// `bytes` with each C0 control but tab, LF and CR as U+FFFD (EF BF BD), and quotes doubled when
    /// the field is quoted: the slow path, taken only by a field that holds a control.
    private static func putReplacingControls(_ bytes: UnsafeBufferPointer<UInt8>, doublingQuotes: Bool, into output: inout ByteCursor) {
        for byte in bytes {
            if isReplacedControl(byte) {
                output.put(0xEF)
                output.put(0xBF)
                output.put(0xBD)
            } else {
                output.put(byte)
                if byte == 0x22 && doublingQuotes { output.put(0x22) }
            }
        }
    }

    /// A C0 control other than tab, LF and CR.
    @inline(__always)
    private static func isReplacedControl(_ byte: UInt8) -> Bool {
        byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D
    }

    /// Whether `bytes` need quotes (they hold the delimiter, a quote, LF or CR) and whether they hold a
    /// control to replace. Eight bytes at a time, as long comments are common and most bytes are
    /// neither; a word with a byte below 0x20, the delimiter or a quote is looked at byte by byte.
    @inline(__always)
    private static func scan(_ bytes: UnsafeBufferPointer<UInt8>, delimiter: UInt8) -> (needsQuotes: Bool, hasControl: Bool) {
        guard let base = bytes.baseAddress else { return (false, false) }
        let count = bytes.count
        var needsQuotes = false
        var hasControl = false
        @inline(__always) func look(at byte: UInt8) {
            if byte == delimiter || byte == 0x22 || byte == 0x0A || byte == 0x0D {
                needsQuotes = true
            } else if isReplacedControl(byte) {
                hasControl = true
            }
        }
        var index = 0
        let delimiterWord = UInt64(delimiter) &* 0x0101_0101_0101_0101
        while index + 8 <= count {
            let word = UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
            var matches = belowSpaceMask(word)
            if !needsQuotes { matches |= zeroByteMask(word ^ delimiterWord) | zeroByteMask(word ^ 0x2222_2222_2222_2222) }
            if matches != 0 {
                for offset in 0..<8 { look(at: base[index + offset]) }
                if needsQuotes && hasControl { return (true, true) }
            }
            index += 8
        }
        while index < count {
            look(at: base[index])
            index += 1
        }
        return (needsQuotes, hasControl)
    }

    /// The high bit of each byte of `word` below 0x20 set, possibly also above such a byte (never
    /// when there is none).
    @inline(__always)
    private static func belowSpaceMask(_ word: UInt64) -> UInt64 {
        (word &- 0x2020_2020_2020_2020) & ~word & 0x8080_8080_8080_8080
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
