import Testing
@testable import LinerExport

struct PreviewTableTests {
    @Test func narrowTablesAreAlignedAndControlCharactersShown() {
        let table = PreviewTable(titles: ["id", "name"], rows: [["1", "Иван\nПетров"], ["22", "\u{1}x"]])
        #expect(table.render(width: 80) == """
            id | name
            ---+------------
            1  | Иван⏎Петров
            22 | ·x
            """)
    }

    @Test func wideTablesBecomeOneBlockPerLeadAndLongValuesAreCut() {
        var table = PreviewTable(titles: ["id", "comment"], rows: [["1", String(repeating: "я", count: 100)]])
        table.maxCellWidth = 10
        #expect(table.render(width: 12) == """
            -[ lead 1 ]
            id      | 1
            comment | яяяяяяяяя…
            """)
    }
}
