/// Renders normalized records for a terminal: an aligned table when it fits the width, else one
/// block per lead (`-[ lead 1 ]-` with a `title | value` line per column, like psql's `\x`).
public struct PreviewTable {
    public let titles: [String]
    public let rows: [[String]]
    /// The widest a value is shown; longer ones end in `…`.
    public var maxCellWidth = 40

    public init(titles: [String], rows: [[String]]) {
        self.titles = titles
        self.rows = rows
    }

    /// The table as lines, at most `width` characters wide where the horizontal layout is used.
    public func render(width: Int) -> String {
        let titles = self.titles.map(shorten)
        let rows = self.rows.map { $0.map(shorten) }
        let widths = titles.indices.map { column in
            rows.reduce(titles[column].count) { Swift.max($0, $1[column].count) }
        }
        let tableWidth = widths.reduce(0, +) + 3 * Swift.max(0, widths.count - 1)
        guard tableWidth > width else {
            let line = { (cells: [String]) in
                zip(cells, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }
                    .joined(separator: " | ").trimmingTrailingSpaces
            }
            let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "-+-")
            return ([line(titles), rule] + rows.map(line)).joined(separator: "\n")
        }
        let titleWidth = titles.map(\.count).max() ?? 0
        return rows.enumerated().map { index, row in
            (["-[ lead \(index + 1) ]" + String(repeating: "-", count: Swift.max(0, titleWidth - 8))]
                + zip(titles, row).map { "\($0.padding(toLength: titleWidth, withPad: " ", startingAt: 0)) | \($1)" })
                .joined(separator: "\n")
        }.joined(separator: "\n")
    }

    /// One line, printable: line breaks and control characters shown as `⏎` and `·`.
    private func shorten(_ text: String) -> String {
        var shown = String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
            switch scalar.value {
            case 0x0A, 0x0D: return "⏎"
            case 0..<0x20, 0x7F: return "·"
            default: return scalar
            }
        }))
        if shown.count > maxCellWidth { shown = String(shown.prefix(maxCellWidth - 1)) + "…" }
        return shown
    }
}

private extension String {
    var trimmingTrailingSpaces: String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
