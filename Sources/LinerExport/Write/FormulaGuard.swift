/// What a CSV output does to free text a spreadsheet would run as a formula: text starting with `=`,
/// `+`, `-`, `@`, tab or CR (OWASP's list of triggers).
public enum FormulaGuard: String, Sendable, CaseIterable {
    /// A leading `'` (the default, and what OWASP recommends): Excel, LibreOffice and Google Sheets
    /// show the text instead of evaluating it; a program reading the file sees the `'`.
    case quote
    /// A leading tab (U+0009): invisible in a spreadsheet and gone after a whitespace strip, but
    /// weaker than `quote` (OWASP lists a leading tab among the triggers, since some programs trim
    /// it before deciding what a cell is).
    case tab
    /// Nothing: every value as the server sent it, for files no spreadsheet opens.
    case off

    /// The byte put before a trigger; nil for `off`.
    var prefix: UInt8? {
        switch self {
        case .quote: UInt8(ascii: "'")
        case .tab: 0x09
        case .off: nil
        }
    }
}
