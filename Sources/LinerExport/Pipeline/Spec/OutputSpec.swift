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

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case format, path, delimiter, bom, formulaGuard, listSeparator, shape
    }
    private static let csvOnlyKeys: [CodingKeys] = [.delimiter, .bom, .formulaGuard]

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
        if format != .csv, let key = Self.csvOnlyKeys.first(where: container.contains) {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: container, debugDescription: "applies to csv outputs only, not \(format.rawValue)")
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
            guard format == .ndjson else {
                throw DecodingError.dataCorruptedError(
                    forKey: .shape, in: container, debugDescription: "applies to ndjson outputs only, not \(format.rawValue)")
            }
            guard let shape = NDJSONShape(rawValue: name) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .shape, in: container,
                    debugDescription: "expected one of \(NDJSONShape.allCases.map(\.rawValue).joined(separator: ", ")), got \"\(name)\"")
            }
            self.shape = shape
        }
    }
}

/// The file formats a run can write.
public enum OutputFormat: String, Sendable, CaseIterable {
    case csv, ndjson
}
