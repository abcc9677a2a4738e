import CXLSXWriter
import Foundation

/// An Excel workbook written by libxlsxwriter in constant-memory mode: each row goes to a temporary
/// file as it is written, so memory does not grow with the number of leads.
///
/// Sheet `Leads` has a bold, frozen header row with an autofilter over the data and columns sized from
/// the header and the first rows; rows past Excel's 1,048,576 continue on `Leads (2)`, `Leads (3)`, ….
/// Cells are typed (see `SpreadsheetValue`); strings are always written with the string writer, so a
/// value starting with `=` stays text and nothing becomes a URL. An optional sheet `Export` holds the
/// run's metadata. libxlsxwriter writes the file itself, at `finish()`, under the temporary name of
/// the `AtomicOutputFile`, which publishes it like any other output. It opens that path itself,
/// following symlinks: give it a file opened `isReopenedByLibrary`, alone in a fresh private folder.
public final class XLSXWriter: RecordWriter {
    private let file: AtomicOutputFile
    private let columns: [Column]
    private let listSeparator: String
    private let metadata: ExportMetadata?
    /// Rows a sheet holds, header included: Excel's limit, lowered by tests to check the rollover.
    let rowLimit: UInt32

    let workbook: UnsafeMutablePointer<lxw_workbook>
    let headerFormat: UnsafeMutablePointer<lxw_format>
    private let dateTimeFormat: UnsafeMutablePointer<lxw_format>
    private let dateFormat: UnsafeMutablePointer<lxw_format>
    private let temporaryFolder: UnsafeMutablePointer<CChar>?
    private var sheet: UnsafeMutablePointer<lxw_worksheet>?
    private(set) var sheetCount = 0
    /// The next row of the current sheet.
    private var row: UInt32 = 0
    private var widths: ColumnWidths
    private var sample: [[SpreadsheetValue]] = []
    private var isSampling = true
    private var isClosed = false
    private(set) var rows = 0
    public private(set) var warnings = NormalizationWarnings()

    /// - Parameters:
    ///   - columnWidths: widths in characters by column key or title; other columns are measured.
    ///   - metadata: what the `Export` sheet shows; nil writes no such sheet.
    ///   - rowLimit: rows a sheet holds, header included (Excel's limit unless a test lowers it).
    /// - Throws: `ExportError.output` when libxlsxwriter cannot start the workbook.
    public convenience init(
        file: AtomicOutputFile, columns: [Column], listSeparator: String = ", ", columnWidths: [String: Double] = [:],
        metadata: ExportMetadata? = nil
    ) throws {
        try self.init(
            file: file, columns: columns, listSeparator: listSeparator, columnWidths: columnWidths, metadata: metadata,
            rowLimit: UInt32(LXW_ROW_MAX))
    }

    init(
        file: AtomicOutputFile, columns: [Column], listSeparator: String, columnWidths: [String: Double],
        metadata: ExportMetadata?, rowLimit: UInt32
    ) throws {
        precondition(rowLimit >= 2 && rowLimit <= UInt32(LXW_ROW_MAX), "a sheet holds a header and at least one row")
        self.file = file
        self.columns = columns
        self.listSeparator = listSeparator
        widths = ColumnWidths(columns: columns, fixed: columnWidths)
        self.metadata = metadata
        self.rowLimit = rowLimit
        // Constant-memory rows go to temporary files until `workbook_close` zips them: keep them beside
        // the output (a big export's sheet XML can be gigabytes, more than a small /tmp holds), in the
        // temporary file's folder, which is private when the file was opened `isReopenedByLibrary`.
        temporaryFolder = strdup(URL(fileURLWithPath: file.temporaryPath).deletingLastPathComponent().path)
        var options = lxw_workbook_options(constant_memory: 1, tmpdir: temporaryFolder, use_zip64: 0)
        guard let workbook = workbook_new_opt(file.temporaryPath, &options) else {
            free(temporaryFolder)
            throw ExportError.output("cannot start the workbook \(file.temporaryPath)")
        }
        self.workbook = workbook
        headerFormat = workbook_add_format(workbook)
        format_set_bold(headerFormat)
        dateTimeFormat = workbook_add_format(workbook)
        format_set_num_format(dateTimeFormat, "yyyy-mm-dd hh:mm:ss")
        dateFormat = workbook_add_format(workbook)
        format_set_num_format(dateFormat, "yyyy-mm-dd")
    }

    deinit {
        // A writer dropped without `finish()` still frees the workbook (its file is never published).
        if !isClosed { _ = workbook_close(workbook) }
        free(temporaryFolder)
    }

    public func write(_ record: Record) throws {
        var truncated = false
        var values: [SpreadsheetValue] = []
        values.reserveCapacity(record.count)
        for (index, cell) in record.cells.enumerated() {
            var value = SpreadsheetValue(cell, listSeparator: listSeparator, truncated: &truncated)
            if truncated {
                warnings.record(.cellTruncated, field: "xlsx: " + columns[index].key)
                truncated = false
            }
            if case .string(let text) = value { value = .string(cellText(text, column: index)) }
            values.append(value)
        }
        if isSampling {
            widths.measure(values)
            sample.append(values)
            if sample.count >= ColumnWidths.sampleRows { try endSampling() }
        } else {
            try writeRow(values)
        }
    }

    public func finish() throws {
        guard !isClosed else { return }
        if isSampling { try endSampling() }
        if let sheet { try closeSheet(sheet) }
        if let metadata { try writeExportSheet(metadata) }
        isClosed = true
        let result = workbook_close(workbook)
        guard result == LXW_NO_ERROR else { throw Self.error(result, "close") }
        try file.adoptBytesWrittenByLibrary()
    }

    /// Text as a cell can hold it. A sheet is XML, and libxlsxwriter escapes control characters and CR
    /// as `_x0001_` / `_x000D_`, which Excel reads back but openpyxl, pandas and most other readers
    /// show literally: characters XML 1.0 forbids become U+FFFD (counted as `xlsx_forbidden_character`), and line
    /// breaks become LF, what Excel itself uses inside a cell.
    private func cellText(_ text: String, column: Int) -> String {
        var (clean, replaced) = XMLCharacters.sanitized(text)
        if replaced > 0 { warnings.record(.forbiddenXLSXCharacter, field: "xlsx: " + columns[column].key) }
        if clean.utf8.contains(0x0D) {
            clean = clean.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        }
        return clean
    }

    private func endSampling() throws {
        isSampling = false
        let rows = sample
        sample = []
        try startSheet()
        for values in rows { try writeRow(values) }
    }

    private func startSheet() throws {
        sheetCount += 1
        let name = sheetCount == 1 ? "Leads" : "Leads (\(sheetCount))"
        guard let sheet = workbook_add_worksheet(workbook, name) else {
            throw ExportError.output("cannot add the sheet \(name) to \(file.finalPath)")
        }
        self.sheet = sheet
        for (index, width) in widths.characters.enumerated() {
            try check(worksheet_set_column(sheet, lxw_col_t(index), lxw_col_t(index), width, nil), "size a column of")
        }
        worksheet_freeze_panes(sheet, 1, 0)
        for (index, column) in columns.enumerated() {
            try check(worksheet_write_string(sheet, 0, lxw_col_t(index), column.title, headerFormat), "write the header of")
        }
        row = 1
    }

    /// The autofilter covers the header and every data row of the sheet.
    private func closeSheet(_ sheet: UnsafeMutablePointer<lxw_worksheet>) throws {
        guard !columns.isEmpty else { return }
        try check(worksheet_autofilter(sheet, 0, 0, max(row - 1, 1), lxw_col_t(columns.count - 1)), "filter")
    }

    private func writeRow(_ values: [SpreadsheetValue]) throws {
        if row >= rowLimit, let sheet {
            try closeSheet(sheet)
            try startSheet()
        }
        guard let sheet else { return }
        for (index, value) in values.enumerated() {
            let column = lxw_col_t(index)
            let result: lxw_error
            switch value {
            case .blank: continue
            case .string(let text) where text.isEmpty: continue
            case .string(let text): result = worksheet_write_string(sheet, row, column, text, nil)
            case .number(let number): result = worksheet_write_number(sheet, row, column, number, nil)
            case .boolean(let flag): result = worksheet_write_boolean(sheet, row, column, flag ? 1 : 0, nil)
            case .dateTime(let serial, _): result = worksheet_write_number(sheet, row, column, serial, dateTimeFormat)
            case .date(let serial, _): result = worksheet_write_number(sheet, row, column, serial, dateFormat)
            }
            try check(result, "write a cell of")
        }
        row += 1
        rows += 1
    }

    func check(_ result: lxw_error, _ action: String) throws {
        guard result == LXW_NO_ERROR else { throw Self.error(result, action + " " + file.finalPath) }
    }

    static func error(_ result: lxw_error, _ action: String) -> ExportError {
        ExportError.output("libxlsxwriter could not \(action): \(String(cString: lxw_strerror(result)))")
    }
}
