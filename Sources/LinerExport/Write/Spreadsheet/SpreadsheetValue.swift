import LinerJSON

/// A cell as a spreadsheet holds it: what Excel, LibreOffice and openpyxl read back as typed values.
///
/// Shared by the XLSX and the SpreadsheetML writers so both type a cell the same way:
/// - text of any kind (free text, phones, ids, lists, JSON) is a string, never a number or a formula;
/// - an integer or number is a number only when Excel keeps it exactly (at most 15 significant digits,
///   no leading zero or `+`), else text, so `79001234567890123` never becomes `7.9E+16`;
/// - dates are serial numbers (days since 1899-12-30) of their wall clock in the pipeline's zone,
///   since Excel has no zones; dates Excel cannot show (before 1900-03-01, after 9999) stay text.
enum SpreadsheetValue: Equatable {
    case blank
    case string(String)
    case number(Double)
    case boolean(Bool)
    /// A date-time serial and the wall clock it came from (`2024-01-01T10:00:00.123`).
    case dateTime(serial: Double, wallClock: String)
    /// A date serial (whole days) and its ISO text.
    case date(serial: Double, iso8601: String)

    /// Excel's limit on the characters of a cell.
    static let maxCellCharacters = 32_767
    /// Appended to a value cut at `maxCellCharacters`, so the cut is visible.
    static let truncationMarker = " […cut: full value in NDJSON/XML]"

    /// - Parameter truncated: set to true when a text was cut at Excel's limit.
    init(_ cell: Cell, listSeparator: String, truncated: inout Bool) {
        switch cell {
        case .empty: self = .blank
        case .text(let text), .phone(let text): self = .string(Self.fitting(text, truncated: &truncated))
        case .integer(let value):
            self = value.magnitude < 1_000_000_000_000_000 ? .number(Double(value)) : .string(String(value))
        case .number(let literal): self = Self.exactNumber(literal).map { .number($0) } ?? .string(Self.fitting(literal, truncated: &truncated))
        case .boolean(let flag): self = .boolean(flag)
        case .dateTime(_, let iso8601):
            let text = iso8601.string
            if let converted = ExcelSerial.dateTime(text) {
                self = .dateTime(serial: converted.serial, wallClock: converted.wallClock)
            } else {
                self = .string(text)
            }
        case .date(let iso8601):
            if let serial = ExcelSerial.date(iso8601) { self = .date(serial: serial, iso8601: iso8601) } else { self = .string(iso8601) }
        case .list(let items): self = .string(Self.fitting(items.joined(separator: listSeparator), truncated: &truncated))
        case .json(let value):
            var bytes: [UInt8] = []
            JSONWriter.append(value, to: &bytes)
            self = .string(Self.fitting(String(decoding: bytes, as: UTF8.self), truncated: &truncated))
        }
    }

    /// The number a literal stands for, when a spreadsheet keeps it exactly and it does not look like an
    /// identifier (a leading zero, a `+`).
    static func exactNumber(_ literal: String) -> Double? {
        let utf8 = literal.utf8
        guard let first = utf8.first, first != UInt8(ascii: "+") else { return nil }
        let digits = utf8.drop { $0 == UInt8(ascii: "-") }
        if digits.count > 1, digits.first == UInt8(ascii: "0"), digits.dropFirst().first != UInt8(ascii: ".") { return nil }
        var significant = 0
        var leading = true
        for byte in digits {
            if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") { break }
            guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { continue }
            if leading && byte == UInt8(ascii: "0") { continue }
            leading = false
            significant += 1
        }
        guard significant <= 15, let value = Double(literal), value.isFinite else { return nil }
        return value
    }

    /// `text` cut so that it fits a cell (counted in UTF-16 units, as Excel counts), with the marker.
    static func fitting(_ text: String, truncated: inout Bool) -> String {
        // UTF-8 bytes bound UTF-16 units from above: most values need no count at all.
        guard text.utf8.count > maxCellCharacters, text.utf16.count > maxCellCharacters else { return text }
        truncated = true
        let budget = maxCellCharacters - truncationMarker.utf16.count
        var cut = text.startIndex
        var units = 0
        for index in text.indices {
            let size = text[index].utf16.count
            guard units + size <= budget else { break }
            units += size
            cut = text.index(after: index)
        }
        return String(text[..<cut]) + truncationMarker
    }
}
