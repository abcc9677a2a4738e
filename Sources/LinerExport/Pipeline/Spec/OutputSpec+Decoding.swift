/// Reading one of `outputs` from a pipeline file: the path template is checked, options of another
/// format are errors, and absent keys take the defaults of `init(format:path:...)`.
extension OutputSpec: Decodable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case format, path, maxRowsPerFile, delimiter, bom, formulaGuard, listSeparator, shape, flavor, columnWidths, exportSheet
        case content
    }
    private static let onlyFor: [CodingKeys: OutputFormat] = [
        .delimiter: .csv, .bom: .csv, .formulaGuard: .csv, .shape: .ndjson, .flavor: .xml, .exportSheet: .xlsx,
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
        let path = try container.decode(String.self, forKey: .path)
        if let problem = OutputPathTemplate.problem(in: path) {
            throw DecodingError.dataCorruptedError(forKey: .path, in: container, debugDescription: problem)
        }
        if path.hasSuffix(".gz"), format != .csv, format != .ndjson {
            throw DecodingError.dataCorruptedError(
                forKey: .path, in: container,
                debugDescription: "gzip (a path ending in .gz) applies to csv and ndjson outputs only, not \(format.rawValue)")
        }
        self.init(format: format, path: path)
        maxRowsPerFile = try container.decodeExactlyIfPresent(Int.self, forKey: .maxRowsPerFile)
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
        bom = try container.decodeIfPresent(Bool.self, forKey: .bom) ?? bom
        formulaGuard = try Self.decodeFormulaGuard(in: container) ?? formulaGuard
        if format == .ndjson, container.contains(.listSeparator) {
            throw DecodingError.dataCorruptedError(
                forKey: .listSeparator, in: container, debugDescription: "applies to table formats only, not ndjson (it keeps arrays)")
        }
        listSeparator = try container.decodeIfPresent(String.self, forKey: .listSeparator) ?? listSeparator
        shape = try container.decodeCase(NDJSONShape.self, forKey: .shape) ?? shape
        flavor = try container.decodeCase(XMLFlavor.self, forKey: .flavor) ?? flavor
        if container.contains(.columnWidths), format != .xlsx, format != .xml || flavor != .spreadsheet {
            throw DecodingError.dataCorruptedError(
                forKey: .columnWidths, in: container,
                debugDescription: "applies to xlsx and xml spreadsheet outputs only, not \(format == .xml ? "xml records" : format.rawValue)")
        }
        if let columnWidths = try container.decodeIfPresent([String: Double].self, forKey: .columnWidths) {
            if let bad = columnWidths.first(where: { !(0...255).contains($0.value) }) {
                throw DecodingError.dataCorruptedError(
                    forKey: .columnWidths, in: container,
                    debugDescription: "expected widths from 0 to 255 characters, got \(bad.value) for \"\(bad.key)\"")
            }
            self.columnWidths = columnWidths
        }
        exportSheet = try container.decodeIfPresent(Bool.self, forKey: .exportSheet) ?? exportSheet
        content = try container.decodeCase(OutputContent.self, forKey: .content) ?? content
    }

    /// `quote`, `tab` or `off`; `true` and `false`, the key's first form, still mean `quote` and `off`.
    private static func decodeFormulaGuard(in container: KeyedDecodingContainer<CodingKeys>) throws -> FormulaGuard? {
        guard container.contains(.formulaGuard) else { return nil }
        if let flag = try? container.decode(Bool.self, forKey: .formulaGuard) { return flag ? .quote : .off }
        guard (try? container.decode(String.self, forKey: .formulaGuard)) != nil else {
            throw DecodingError.dataCorruptedError(
                forKey: .formulaGuard, in: container,
                debugDescription: "expected one of \(FormulaGuard.allCases.map(\.rawValue).joined(separator: ", ")), or true or false")
        }
        return try container.decodeCase(FormulaGuard.self, forKey: .formulaGuard)
    }
}
