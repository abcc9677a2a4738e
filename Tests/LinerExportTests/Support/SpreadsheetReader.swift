import Foundation

/// Reads XLSX files back with openpyxl (Debian's /usr/bin/python3, `python3-openpyxl`) and XML files
/// with Python's ElementTree: readers that share no code with the writers.
enum SpreadsheetReader {
    /// One cell as openpyxl sees it: its type (`s` string, `n` number, `b` Boolean, `d` date, `blank`)
    /// and its value as text (`repr` of a number, ISO 8601 of a date).
    struct Cell: Equatable, CustomStringConvertible {
        var type: String
        var value: String
        var description: String { "\(type):\(value.prefix(60))" }
    }

    struct Sheet {
        var name: String
        var rows: [[Cell]]
        var frozen: String?
        var filter: String?
        var widths: [String: Double]
        var isHeaderBold: Bool
    }

    private static let xlsxScript = #"""
    import json, sys, datetime, openpyxl
    book = openpyxl.load_workbook(sys.argv[1])
    def cell(c):
        v = c.value
        if v is None: return ["blank", ""]
        if isinstance(v, bool): return ["b", "true" if v else "false"]
        if isinstance(v, datetime.datetime): return ["d", v.isoformat(timespec="milliseconds")]
        if isinstance(v, (int, float)): return ["n", repr(float(v))]
        return ["s", v]
    out = []
    for sheet in book.worksheets:
        rows = [[cell(c) for c in row] for row in sheet.iter_rows()]
        widths = {k: d.width for k, d in sheet.column_dimensions.items() if d.width}
        bold = all(c.font.b for c in sheet[1] if c.value is not None) if sheet.max_row >= 1 else False
        out.append({"name": sheet.title, "rows": rows, "frozen": sheet.freeze_panes, "filter": sheet.auto_filter.ref,
                    "widths": widths, "bold": bold})
    json.dump(out, sys.stdout, ensure_ascii=False)
    """#

    static func xlsxSheets(_ path: String) throws -> [Sheet] {
        let result = try runProgram(["/usr/bin/python3", "-c", xlsxScript, path])
        guard result.status == 0 else { throw ProgramFailed(description: "openpyxl could not read \(path): \(result.errors)") }
        let sheets = try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [[String: Any]] ?? []
        return sheets.map { sheet in
            Sheet(
                name: sheet["name"] as? String ?? "",
                rows: (sheet["rows"] as? [[[String]]] ?? []).map { $0.map { Cell(type: $0[0], value: $0[1]) } },
                frozen: sheet["frozen"] as? String, filter: sheet["filter"] as? String,
                widths: sheet["widths"] as? [String: Double] ?? [:], isHeaderBold: sheet["bold"] as? Bool ?? false)
        }
    }

    private static let xmlScript = #"""
    import json, sys, xml.etree.ElementTree as ET
    root = ET.parse(sys.argv[1]).getroot()
    ns = "{urn:schemas-microsoft-com:office:spreadsheet}"
    if root.tag == "leads":
        leads = []
        for lead in root.findall("lead"):
            fields = []
            for child in lead:
                items = [item.text or "" for item in child.findall("item")]
                fields.append({"tag": child.tag, "attributes": dict(child.attrib), "text": child.text or "", "items": items})
            leads.append(fields)
        json.dump({"attributes": dict(root.attrib), "columns": [dict(c.attrib) for c in root.find("columns")], "leads": leads},
                  sys.stdout, ensure_ascii=False)
    else:
        sheets = []
        for sheet in root.findall(ns + "Worksheet"):
            rows = []
            for row in sheet.find(ns + "Table").findall(ns + "Row"):
                cells, column = [], 0
                for c in row.findall(ns + "Cell"):
                    index = c.get(ns + "Index")
                    if index is not None:
                        while column < int(index) - 1:
                            cells.append(["blank", ""]); column += 1
                    data = c.find(ns + "Data")
                    cells.append([data.get(ns + "Type"), data.text or "", c.get(ns + "StyleID") or ""]); column += 1
                rows.append(cells)
            sheets.append({"name": sheet.get(ns + "Name"), "rows": rows})
        json.dump(sheets, sys.stdout, ensure_ascii=False)
    """#

    /// The parsed XML: for `records`, `["attributes", "columns", "leads"]`; for `spreadsheet`, a list of sheets.
    static func xml(_ path: String) throws -> Any {
        let result = try runProgram(["/usr/bin/python3", "-c", xmlScript, path])
        guard result.status == 0 else { throw ProgramFailed(description: "ElementTree could not read \(path): \(result.errors)") }
        return try JSONSerialization.jsonObject(with: Data(result.output.utf8))
    }

    /// The `ss:Width` of each `Column` of each sheet of an XML spreadsheet, in points, by sheet name,
    /// read with ElementTree; a column element must come before the table's first row to count.
    static func xmlColumnWidths(_ path: String) throws -> [String: [Double]] {
        let script = #"""
            import json, sys, xml.etree.ElementTree as ET
            ns = "{urn:schemas-microsoft-com:office:spreadsheet}"
            out = {}
            for sheet in ET.parse(sys.argv[1]).getroot().findall(ns + "Worksheet"):
                widths = []
                for child in sheet.find(ns + "Table"):
                    if child.tag == ns + "Row": break
                    if child.tag == ns + "Column" and child.get(ns + "AutoFitWidth") == "0":
                        widths.append(float(child.get(ns + "Width")))
                out[sheet.get(ns + "Name")] = widths
            json.dump(out, sys.stdout)
            """#
        let result = try runProgram(["/usr/bin/python3", "-c", script, path])
        guard result.status == 0 else { throw ProgramFailed(description: "ElementTree could not read \(path): \(result.errors)") }
        return try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: [Double]] ?? [:]
    }

    /// `xmllint --noout [--schema xsd] path`: nil when it accepts the file, else what it said.
    static func xmllintProblem(_ path: String, schema: String? = nil) throws -> String? {
        let arguments = ["xmllint", "--noout"] + (schema.map { ["--schema", $0] } ?? []) + [path]
        let result = try runProgram(arguments)
        return result.status == 0 ? nil : result.errors
    }

    /// `schemas/leads.xsd` of this checkout.
    static let schemaPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("schemas/leads.xsd").path
}
