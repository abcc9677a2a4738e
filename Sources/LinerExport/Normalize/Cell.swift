import LinerJSON

/// One normalized value, typed so that each writer can render it natively
/// (a number stays a number in NDJSON and XLSX, a date a date).
public enum Cell: Sendable, Equatable {
    case empty
    /// Free text as the API sent it. Writers guard it against formula injection where needed.
    case text(String)
    case integer(Int64)
    /// A number's literal text, kept exactly (`5.5`, `1e3`).
    case number(String)
    case boolean(Bool)
    /// An instant, with its ISO 8601 text in the zone it is meant to be read in (its first 19
    /// characters are that zone's wall clock, which is what a spreadsheet shows), stored inline.
    case dateTime(Timestamp, iso8601: ISO8601Text)
    /// A calendar date without time or zone, as ISO 8601 (`2024-03-01`).
    case date(String)
    /// Several values of one field (a multiselect's option titles): an array in NDJSON, joined with
    /// the output's `listSeparator` in table formats.
    case list([String])
    /// A phone number libphonenumber validated and formatted: it cannot carry a formula.
    case phone(String)
    /// An array or object (a multiselect value, or a shape the API added later).
    case json(JSONValue)
}
