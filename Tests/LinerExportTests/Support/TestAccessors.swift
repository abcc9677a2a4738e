@testable import LinerExport

// Optional views of enum cases, so that a test can `#require` the case it needs and stop there when
// the value is of another kind.

extension JSONValue {
    /// The object of an `.object`; nil for every other kind.
    var objectValue: JSONObject? {
        if case .object(let object) = self { return object }
        return nil
    }
}

extension Cell {
    /// The instant and text of a `.dateTime`; nil for every other kind.
    var dateTimeValue: (instant: Timestamp, iso8601: ISO8601Text)? {
        if case .dateTime(let instant, let iso8601) = self { return (instant, iso8601) }
        return nil
    }
}
