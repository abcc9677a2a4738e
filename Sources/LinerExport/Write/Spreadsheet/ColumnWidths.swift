/// The width of each column of a spreadsheet output, in characters, by one rule for XLSX and the XML
/// spreadsheet: the header, widened to fit the first `sampleRows` rows (capped, so a 100 KB comment
/// does not make a 100 KB column), unless the pipeline's `columnWidths` names the column (by key or
/// title); never wider than `maxCharacters`.
struct ColumnWidths {
    /// Rows measured before any row is written.
    static let sampleRows = 100
    /// The widest a column gets, a pipeline's width included.
    static let maxCharacters = 62.0

    private let columns: [Column]
    private let fixed: [String: Double]
    private var widths: [Double]

    /// - Parameter fixed: widths in characters by column key or title (the pipeline's `columnWidths`).
    init(columns: [Column], fixed: [String: Double]) {
        self.columns = columns
        self.fixed = fixed
        widths = columns.map { Double($0.title.count) + 3 }
    }

    /// Widens the columns to fit a sampled row.
    mutating func measure(_ values: [SpreadsheetValue]) {
        for (index, value) in values.enumerated() {
            let width: Double
            switch value {
            case .blank: continue
            case .string(let text): width = Double(min(text.count, 60))
            case .number(let number): width = Double(min(String(number).count, 15))
            case .boolean: width = 6
            case .dateTime: width = 19
            case .date: width = 10
            }
            widths[index] = max(widths[index], width + 2)
        }
    }

    /// The final widths in characters: measured, or the pipeline's, capped.
    var characters: [Double] {
        zip(columns, widths).map { column, measured in
            min(fixed[column.key] ?? fixed[column.title] ?? measured, Self.maxCharacters)
        }
    }

    /// A width in characters as SpreadsheetML's `ss:Width` wants it, in points: what Excel shows for
    /// that many characters of the default font (7 pixels a digit plus 5 of padding, at 96 pixels per
    /// inch, 0.75 points a pixel), so both formats open with the same columns.
    static func points(characters: Double) -> Double {
        guard characters > 0 else { return 0 }
        return ((characters * 7 + 5) * 0.75 * 100).rounded() / 100
    }
}
