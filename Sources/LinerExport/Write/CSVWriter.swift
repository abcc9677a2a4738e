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
            record.cells.withUnsafeBufferPointer { cells in
                for index in cells.indices {
                    if index > 0 { buffer.append(delimiter) }
                    append(cells[index], to: &buffer)
                }
            }
            buffer.append(0x0D)
            buffer.append(0x0A)
        }
    }

    public func finish() throws {
        try file.close()
    }

    private func append(_ cell: Cell, to buffer: inout [UInt8]) {
        switch cell {
        case .empty: break
        case .text(let text): appendField(text, guarded: formulaGuard, to: &buffer)
        case .integer(let value): Self.appendDecimal(value, to: &buffer)
        case .number(let literal): Self.appendBytes(of: literal, to: &buffer)
        case .boolean(let flag): Self.appendBytes(of: flag ? "true" : "false", to: &buffer)
        case .dateTime(_, let iso8601): Self.appendBytes(of: iso8601, to: &buffer)
        case .phone(let phone): appendField(phone, guarded: false, to: &buffer)
        case .date(let iso8601): Self.appendBytes(of: iso8601, to: &buffer)
        case .list(let items): appendField(items.joined(separator: listSeparator), guarded: formulaGuard, to: &buffer)
        case .json(let value):
            scratch.removeAll(keepingCapacity: true)
            JSONWriter.append(value, to: &scratch)
            appendField(String(decoding: scratch, as: UTF8.self), guarded: false, to: &buffer)
        }
    }

    private func appendField(_ text: String, guarded: Bool, to buffer: inout [UInt8]) {
        let appended: Void? = text.utf8.withContiguousStorageIfAvailable { bytes in
            appendField(bytes: bytes, guarded: guarded, to: &buffer)
        }
        if appended == nil {
            var text = text  // not native UTF-8 (bridged): made contiguous once
            text.withUTF8 { appendField(bytes: $0, guarded: guarded, to: &buffer) }
        }
    }

    private func appendField(bytes: UnsafeBufferPointer<UInt8>, guarded: Bool, to buffer: inout [UInt8]) {
        let needsGuard = guarded && bytes.first.map(Self.isFormulaTrigger) == true
        let needsQuotes = Self.containsSpecialByte(bytes, delimiter: delimiter)
        if needsQuotes { buffer.append(0x22) }
        if needsGuard { buffer.append(UInt8(ascii: "'")) }
        if needsQuotes {
            // Each quote is doubled: copy the runs between quotes whole.
            var runStart = 0
            for index in bytes.indices where bytes[index] == 0x22 {
                buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...index]))
                buffer.append(0x22)
                runStart = index + 1
            }
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
            buffer.append(0x22)
        } else {
            buffer.append(contentsOf: bytes)
        }
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

    /// Text that needs no quoting or guard (typed cells), copied as its bytes.
    @inline(__always)
    private static func appendBytes(of text: String, to buffer: inout [UInt8]) {
        if text.utf8.withContiguousStorageIfAvailable({ buffer.append(contentsOf: $0) }) == nil {
            buffer.append(contentsOf: text.utf8)
        }
    }

    /// `String(value)`'s bytes, without making the `String`.
    private static func appendDecimal(_ value: Int64, to buffer: inout [UInt8]) {
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: 20 digits and a sign fit
        withUnsafeMutableBytes(of: &digits) { digits in
            var magnitude = value.magnitude
            var start = digits.count
            repeat {
                start -= 1
                digits[start] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            if value < 0 {
                start -= 1
                digits[start] = UInt8(ascii: "-")
            }
            buffer.append(contentsOf: UnsafeRawBufferPointer(rebasing: digits[start...]))
        }
    }

    /// `=`, `+`, `-`, `@`, tab, CR: what OWASP lists as formula triggers.
    private static func isFormulaTrigger(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D: true
        default: false
        }
    }
}
