/// One file a run writes.
public struct OutputSpec: Sendable, Decodable {
    public var format: OutputFormat
    /// File path template, relative to the working directory. Placeholders: `{name}`, `{from}`, `{to}`
    /// (the window's bounds as dates, or date-times when not at midnight, in the window's zone).
    public var path: String
    /// CSV field separator, one character. Default `,`.
    public var delimiter: UInt8 = UInt8(ascii: ",")
    /// CSV: start with a UTF-8 byte order mark, so Excel opens Cyrillic right. Default false.
    public var bom = false
    /// CSV: prefix free text starting with `=`, `+`, `-`, `@`, tab or CR with `'`, so a spreadsheet never
    /// runs it as a formula. Default true.
    public var formulaGuard = true
    /// Table formats: what joins the values of a multi-valued field (a multiselect). Default `, `.
    public var listSeparator = ", "
    /// NDJSON: `flat` (default, one key per column) or `nested` (custom fields in one object).
    public var shape = NDJSONShape.flat
    /// XML only: `records` (one `<lead>` per lead, validated by `schemas/leads.xsd`) or `spreadsheet`
    /// (Excel 2003 XML Spreadsheet). Default `records`.
    public var flavor = XMLFlavor.records
    /// XLSX only: column widths in characters by column key or title (`{"name": 40}`); other columns
    /// are sized from their header and first rows.
    public var columnWidths: [String: Double] = [:]
    /// XLSX only: add a sheet `Export` with the run's window, filters, zone, row count and tool version.
    /// Default true.
    public var exportSheet = true

    /// At most this many rows a file: further rows go to the next part, named by the `{part}`
    /// placeholder the path must then hold (`leads-{from}-{part}.csv` → `leads-2024-01-01-001.csv`).
    /// Each part is a whole file (CSV and XLSX parts have the header row). Nil: one file.
    public var maxRowsPerFile: Int?

    /// CSV and NDJSON: a path ending in `.gz` is written as one gzip stream (`leads.csv.gz`).
    public var isGzip: Bool { path.hasSuffix(".gz") }

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case format, path, maxRowsPerFile, delimiter, bom, formulaGuard, listSeparator, shape, flavor, columnWidths, exportSheet
    }
    private static let onlyFor: [CodingKeys: OutputFormat] = [
        .delimiter: .csv, .bom: .csv, .formulaGuard: .csv, .shape: .ndjson, .flavor: .xml, .columnWidths: .xlsx,
        .exportSheet: .xlsx,
    ]

    public init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let formatName = try container.decode(String.self, forKey: .format)
        guard let format = OutputFormat(rawValue: formatName) else {
            throw DecodingError.dataCorruptedError(
                forKey: .format, in: container,
                debugDescription: "expected one of \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")), got \"\(formatName)\"")
        }
        self.format = format
        path = try container.decode(String.self, forKey: .path)
        if let problem = OutputPathTemplate.problem(in: path) {
            throw DecodingError.dataCorruptedError(forKey: .path, in: container, debugDescription: problem)
        }
        if path.hasSuffix(".gz"), format != .csv, format != .ndjson {
            throw DecodingError.dataCorruptedError(
                forKey: .path, in: container,
                debugDescription: "gzip (a path ending in .gz) applies to csv and ndjson outputs only, not \(format.rawValue)")
        }
        maxRowsPerFile = try container.decodeIfPresent(Int.self, forKey: .maxRowsPerFile)
        if let maxRowsPerFile, maxRowsPerFile < 1 {
            throw DecodingError.dataCorruptedError(
                forKey: .maxRowsPerFile, in: container, debugDescription: "expected at least 1, got \(maxRowsPerFile)")
        }
        if (maxRowsPerFile != nil) != path.contains("{part}") {
            throw DecodingError.dataCorruptedError(
                forKey: maxRowsPerFile == nil ? .path : .maxRowsPerFile, in: container,
                debugDescription: maxRowsPerFile == nil
                    ? "{part} needs maxRowsPerFile, got \"\(path)\""
                    : "needs a {part} placeholder in path to number the files, got \"\(path)\"")
        }
        for key in CodingKeys.allCases where container.contains(key) {
            if let owner = Self.onlyFor[key], owner != format {
                throw DecodingError.dataCorruptedError(
                    forKey: key, in: container, debugDescription: "applies to \(owner.rawValue) outputs only, not \(format.rawValue)")
            }
        }
        if let text = try container.decodeIfPresent(String.self, forKey: .delimiter) {
            guard text.utf8.count == 1, let byte = text.utf8.first, byte != UInt8(ascii: "\""),
                  byte != UInt8(ascii: "\n"), byte != UInt8(ascii: "\r")
            else {
                throw DecodingError.dataCorruptedError(
                    forKey: .delimiter, in: container,
                    debugDescription: "expected one ASCII character other than a quote or line break, got \"\(text)\"")
            }
            delimiter = byte
        }
        bom = try container.decodeIfPresent(Bool.self, forKey: .bom) ?? false
        formulaGuard = try container.decodeIfPresent(Bool.self, forKey: .formulaGuard) ?? true
        if format == .ndjson, container.contains(.listSeparator) {
            throw DecodingError.dataCorruptedError(
                forKey: .listSeparator, in: container, debugDescription: "applies to table formats only, not ndjson (it keeps arrays)")
        }
        listSeparator = try container.decodeIfPresent(String.self, forKey: .listSeparator) ?? ", "
        if let name = try container.decodeIfPresent(String.self, forKey: .shape) {
            guard let shape = NDJSONShape(rawValue: name) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .shape, in: container,
                    debugDescription: "expected one of \(NDJSONShape.allCases.map(\.rawValue).joined(separator: ", ")), got \"\(name)\"")
            }
            self.shape = shape
        }
        if let name = try container.decodeIfPresent(String.self, forKey: .flavor) {
            guard let flavor = XMLFlavor(rawValue: name) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .flavor, in: container,
                    debugDescription: "expected one of \(XMLFlavor.allCases.map(\.rawValue).joined(separator: ", ")), got \"\(name)\"")
            }
            self.flavor = flavor
        }
        columnWidths = try container.decodeIfPresent([String: Double].self, forKey: .columnWidths) ?? [:]
        if let bad = columnWidths.first(where: { !(0...255).contains($0.value) }) {
            throw DecodingError.dataCorruptedError(
                forKey: .columnWidths, in: container,
                debugDescription: "expected widths from 0 to 255 characters, got \(bad.value) for \"\(bad.key)\"")
        }
        exportSheet = try container.decodeIfPresent(Bool.self, forKey: .exportSheet) ?? true
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
