/// One file a run writes.
public struct OutputSpec: Sendable, Equatable {
    /// The file format.
    public var format: OutputFormat
    /// File path template, relative to the working directory. Placeholders: `{name}`, `{from}`, `{to}`
    /// (the window's bounds as dates, or date-times when not at midnight, in the window's zone).
    public var path: String
    /// At most this many rows a file: further rows go to the next part, named by the `{part}`
    /// placeholder the path must then hold (`leads-{from}-{part}.csv` → `leads-2024-01-01-001.csv`).
    /// Each part is a whole file (CSV and XLSX parts have the header row). Nil (default): one file.
    public var maxRowsPerFile: Int?
    /// CSV field separator, one character. Default `,`.
    public var delimiter: UInt8
    /// CSV: start with a UTF-8 byte order mark, so Excel opens Cyrillic right. Default false.
    public var bom: Bool
    /// CSV: what goes before free text (header titles included) starting with `=`, `+`, `-`, `@`, tab or
    /// CR, so a spreadsheet never runs it as a formula: `quote` (default, a `'`), `tab`, or `off`.
    public var formulaGuard: FormulaGuard
    /// Table formats: what joins the values of a multi-valued field (a multiselect). Default `, `.
    public var listSeparator: String
    /// NDJSON: `flat` (default, one key per column) or `nested` (custom fields in one object).
    public var shape: NDJSONShape
    /// XML only: `records` (one `<lead>` per lead, validated by `schemas/leads.xsd`) or `spreadsheet`
    /// (Excel 2003 XML Spreadsheet). Default `records`.
    public var flavor: XMLFlavor
    /// XLSX and XML spreadsheet: column widths in characters by column key or title (`{"name": 40}`);
    /// other columns are sized from their header and first rows. Default empty.
    public var columnWidths: [String: Double]
    /// XLSX only: add a sheet `Export` with the run's window, filters, zone, row count and tool version.
    /// Default true.
    public var exportSheet: Bool
    /// The leads the file holds: the window's (default), the change set, or the rescan range's snapshot
    /// (the last two need the pipeline's `changes`).
    public var content: OutputContent

    /// CSV and NDJSON: a path ending in `.gz` is written as one gzip stream (`leads.csv.gz`).
    public var isGzip: Bool { path.hasSuffix(".gz") }

    /// An output built in code, with the pipeline file's defaults.
    ///
    /// A value built in code is trusted: unlike a decoded file, nothing here checks the path's
    /// placeholders, that `{part}` and `maxRowsPerFile` come together, that gzip is asked of CSV or
    /// NDJSON only, the delimiter or the widths, or that the options set belong to `format`.
    public init(
        format: OutputFormat,
        path: String,
        maxRowsPerFile: Int? = nil,
        delimiter: UInt8 = UInt8(ascii: ","),
        bom: Bool = false,
        formulaGuard: FormulaGuard = .quote,
        listSeparator: String = ", ",
        shape: NDJSONShape = .flat,
        flavor: XMLFlavor = .records,
        columnWidths: [String: Double] = [:],
        exportSheet: Bool = true,
        content: OutputContent = .window
    ) {
        self.format = format
        self.path = path
        self.maxRowsPerFile = maxRowsPerFile
        self.delimiter = delimiter
        self.bom = bom
        self.formulaGuard = formulaGuard
        self.listSeparator = listSeparator
        self.shape = shape
        self.flavor = flavor
        self.columnWidths = columnWidths
        self.exportSheet = exportSheet
        self.content = content
    }
}

/// The file formats a run can write.
public enum OutputFormat: String, Sendable, CaseIterable {
    case csv, ndjson, xml, xlsx
}

/// The two shapes of an XML output.
public enum XMLFlavor: String, Sendable, CaseIterable {
    /// One `<lead>` element per lead with a child per field; `schemas/leads.xsd` describes it.
    case records
    /// Excel 2003 XML Spreadsheet (SpreadsheetML): one `Row` per lead with typed `Data` cells.
    case spreadsheet
}
