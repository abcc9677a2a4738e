/// Excel 2003 XML Spreadsheet (SpreadsheetML), streamed through libxml2's `xmlTextWriter`: a
/// workbook that Excel and LibreOffice open as a sheet, one `Row` per lead with typed `Data` cells.
///
/// Cells are typed as in XLSX (`SpreadsheetValue`): numbers, Booleans (1/0 shown as TRUE/FALSE, since
/// LibreOffice drops `Boolean` cells), `DateTime` in the pipeline's zone with a date format, and text — phones, ids, anything with a leading zero or `+` — as
/// `String`. The header row is bold and frozen with an autofilter; rows past a sheet's limit go on
/// `Leads (2)`, …; text is cut at 32,767 characters (counted) and characters XML forbids become U+FFFD
/// (counted). Columns get the XLSX writer's widths (`ColumnWidths`): the first rows are measured before
/// the sheet starts, as `ss:Column` elements must come before any row. An `Export` sheet holds the
/// run's metadata when it is given.
public final class SpreadsheetMLWriter: RecordWriter {
    private let stream: XMLStream
    private let columns: [Column]
    private let listSeparator: String
    private let metadata: ExportMetadata?
    private var widths: ColumnWidths
    /// The first rows, held until the column widths are known.
    private var sample: [[SpreadsheetValue]] = []
    private var isSampling = true
    /// Rows a sheet holds, header included (Excel's 1,048,576 unless a test lowers it).
    let rowLimit: Int
    private var sheetCount = 0
    private var sheetRows = 0
    private(set) var rows = 0
    public private(set) var warnings = NormalizationWarnings()

    static let namespace = "urn:schemas-microsoft-com:office:spreadsheet"
    static let excelNamespace = "urn:schemas-microsoft-com:office:excel"

    /// - Throws: `ExportError.output` when libxml2 or the disk fails.
    /// - Parameter columnWidths: widths in characters by column key or title; other columns are measured.
    public convenience init(
        file: AtomicOutputFile, columns: [Column], listSeparator: String = ", ", columnWidths: [String: Double] = [:],
        metadata: ExportMetadata? = nil
    ) throws {
        try self.init(
            file: file, columns: columns, listSeparator: listSeparator, columnWidths: columnWidths, metadata: metadata,
            rowLimit: 1_048_576)
    }

    init(
        file: AtomicOutputFile, columns: [Column], listSeparator: String, columnWidths: [String: Double] = [:],
        metadata: ExportMetadata?, rowLimit: Int
    ) throws {
        precondition(rowLimit >= 2, "a sheet holds a header and at least one row")
        stream = try XMLStream(file: file, indent: false)
        self.columns = columns
        self.listSeparator = listSeparator
        self.metadata = metadata
        self.rowLimit = rowLimit
        widths = ColumnWidths(columns: columns, fixed: columnWidths)
        try stream.processingInstruction("mso-application", "progid=\"Excel.Sheet\"")
        try stream.startElement("Workbook")
        try stream.attribute("xmlns", Self.namespace)
        try stream.attribute("xmlns:ss", Self.namespace)
        try stream.attribute("xmlns:x", Self.excelNamespace)
        try stream.startElement("Styles")
        try style("header") { try self.stream.startElement("Font"); try self.stream.attribute("ss:Bold", "1"); try self.stream.endElement() }
        try style("dateTime") { try self.numberFormat(#"yyyy\-mm\-dd\ hh:mm:ss"#) }
        try style("date") { try self.numberFormat(#"yyyy\-mm\-dd"#) }
        try style("boolean") { try self.numberFormat(#""TRUE";"TRUE";"FALSE""#) }
        try stream.endElement()
    }

    /// Types the record's cells, cutting and cleaning text now (so its warnings are counted as it is
    /// written), then writes the row, or holds it while the first rows are measured.
    public func write(_ record: Record) throws {
        var truncated = false
        var values: [SpreadsheetValue] = []
        values.reserveCapacity(record.count)
        for (index, cell) in record.cells.enumerated() {
            var value = SpreadsheetValue(cell, listSeparator: listSeparator, truncated: &truncated)
            if truncated {
                warnings.record(.cellTruncated, field: "xml spreadsheet: " + columns[index].key)
                truncated = false
            }
            if case .string(let text) = value {
                let (clean, replaced) = XMLCharacters.sanitized(text)
                if replaced > 0 { warnings.record(.forbiddenXMLCharacter, field: "xml spreadsheet: " + columns[index].key) }
                value = .string(clean)
            }
            values.append(value)
        }
        rows += 1
        if isSampling {
            widths.measure(values)
            sample.append(values)
            if sample.count >= ColumnWidths.sampleRows { try endSampling() }
        } else {
            try writeRow(values)
        }
    }

    /// Starts the first sheet, its widths now known, and writes the rows held until then.
    private func endSampling() throws {
        isSampling = false
        try startSheet()
        let rows = sample
        sample = []
        for values in rows { try writeRow(values) }
    }

    private func writeRow(_ values: [SpreadsheetValue]) throws {
        if sheetRows >= rowLimit {
            try endSheet()
            try startSheet()
        }
        try stream.startElement("Row")
        var skipped = false
        for (index, value) in values.enumerated() {
            if value == .blank || value == .string("") {
                skipped = true
                continue
            }
            try writeCell(value, index: skipped ? index + 1 : nil)
            skipped = false
        }
        try stream.endElement()
        sheetRows += 1
    }

    public func finish() throws {
        if isSampling { try endSampling() }
        try endSheet()
        if let metadata { try writeExportSheet(metadata) }
        try stream.endElement()
        try stream.finish()
    }

    /// - Parameter index: the 1-based column, when cells before it were skipped.
    private func writeCell(_ value: SpreadsheetValue, index: Int?, style: String? = nil) throws {
        try stream.startElement("Cell")
        if let index { try stream.attribute("ss:Index", String(index)) }
        let type: String
        let text: String
        var style = style
        switch value {
        case .blank: type = "String"; text = ""
        case .string(let string):
            // Rows come cleaned (and counted) by `write`; the header and the Export sheet are cleaned here.
            type = "String"; text = XMLCharacters.sanitized(string).text
        case .number(let number): type = "Number"; text = Self.numberText(number)
        case .boolean(let flag):
            // LibreOffice's SpreadsheetML import drops `Boolean` cells; a 1/0 number shown as TRUE/FALSE
            // reads the same in Excel and LibreOffice.
            type = "Number"; text = flag ? "1" : "0"; style = style ?? "boolean"
        case .dateTime(_, let wallClock): type = "DateTime"; text = Self.dateTimeText(wallClock); style = style ?? "dateTime"
        case .date(_, let iso8601): type = "DateTime"; text = iso8601 + "T00:00:00.000"; style = style ?? "date"
        }
        if let style { try stream.attribute("ss:StyleID", style) }
        try stream.startElement("Data")
        try stream.attribute("ss:Type", type)
        try stream.text(text)
        try stream.endElement()
        try stream.endElement()
    }

    private func startSheet() throws {
        sheetCount += 1
        try stream.startElement("Worksheet")
        try stream.attribute("ss:Name", sheetCount == 1 ? "Leads" : "Leads (\(sheetCount))")
        try stream.startElement("Table")
        for characters in widths.characters { try column(characters: characters) }
        try stream.startElement("Row")
        for column in columns {
            try writeCell(.string(column.title), index: nil, style: "header")
        }
        try stream.endElement()
        sheetRows = 1
    }

    /// Closes the table, freezes the header row and filters the data.
    private func endSheet() throws {
        try stream.endElement()
        try stream.startElement("WorksheetOptions")
        try stream.attribute("xmlns", Self.excelNamespace)
        try stream.startElement("FreezePanes"); try stream.endElement()
        try stream.startElement("FrozenNoSplit"); try stream.endElement()
        try stream.element("SplitHorizontal", "1")
        try stream.element("TopRowBottomPane", "1")
        try stream.element("ActivePane", "2")
        try stream.endElement()
        if !columns.isEmpty {
            try stream.startElement("AutoFilter")
            try stream.attribute("xmlns", Self.excelNamespace)
            try stream.attribute("x:Range", "R1C1:R\(max(sheetRows, 2))C\(columns.count)")
            try stream.endElement()
        }
        try stream.endElement()
    }

    private func writeExportSheet(_ metadata: ExportMetadata) throws {
        try stream.startElement("Worksheet")
        try stream.attribute("ss:Name", "Export")
        try stream.startElement("Table")
        // As the XLSX writer sizes its Export sheet.
        try column(characters: 24)
        try column(characters: 32)
        for (label, value) in metadata.lines(rows: rows, sheets: sheetCount) {
            try stream.startElement("Row")
            try writeCell(.string(label), index: nil, style: "header")
            try writeCell(value, index: nil)
            try stream.endElement()
        }
        try stream.endElement()
        try stream.endElement()
    }

    /// The next column's `Column` element: its width, kept as given (no autofit).
    private func column(characters: Double) throws {
        try stream.startElement("Column")
        try stream.attribute("ss:AutoFitWidth", "0")
        try stream.attribute("ss:Width", Self.numberText(ColumnWidths.points(characters: characters)))
        try stream.endElement()
    }

    private func style(_ id: String, _ body: () throws -> Void) throws {
        try stream.startElement("Style")
        try stream.attribute("ss:ID", id)
        try body()
        try stream.endElement()
    }

    private func numberFormat(_ format: String) throws {
        try stream.startElement("NumberFormat")
        try stream.attribute("ss:Format", format)
        try stream.endElement()
    }

    /// Integers without `.0`; other numbers in the shortest text that reads back the same.
    static func numberText(_ number: Double) -> String {
        if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
        return String(number)
    }

    /// `2024-01-01T10:00:00.000`: SpreadsheetML wants milliseconds.
    static func dateTimeText(_ wallClock: String) -> String {
        guard wallClock.count < 23 else { return wallClock }
        return wallClock.count == 19 ? wallClock + ".000" : wallClock + String(repeating: "0", count: 23 - wallClock.count)
    }
}
