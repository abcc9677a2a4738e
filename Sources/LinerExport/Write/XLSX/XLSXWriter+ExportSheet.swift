import CXLSXWriter

extension XLSXWriter {
    /// The sheet `Export`: one labelled line per fact about the run, after the lead sheets.
    func writeExportSheet(_ metadata: ExportMetadata) throws {
        guard let sheet = workbook_add_worksheet(workbook, "Export") else {
            throw ExportError.output("cannot add the sheet Export")
        }
        let lines = metadata.lines(rows: rows, sheets: sheetCount)
        try check(worksheet_set_column(sheet, 0, 0, 24, nil), "size the Export sheet of")
        try check(worksheet_set_column(sheet, 1, 1, 32, nil), "size the Export sheet of")
        for (index, line) in lines.enumerated() {
            let row = lxw_row_t(index)
            try check(worksheet_write_string(sheet, row, 0, line.0, headerFormat), "write the Export sheet of")
            switch line.1 {
            case .number(let number): try check(worksheet_write_number(sheet, row, 1, number, nil), "write the Export sheet of")
            case .string(let text): try check(worksheet_write_string(sheet, row, 1, text, nil), "write the Export sheet of")
            default: break
            }
        }
    }
}
