@testable import LinerExport

// An optional view of an enum case, so that a test can `#require` the case it needs and stop there
// when the value is of another kind (`JSONValue.objectValue` is in LinerTestSupport).

extension Cell {
    /// The instant and text of a `.dateTime`; nil for every other kind.
    var dateTimeValue: (instant: Timestamp, iso8601: ISO8601Text)? {
        if case .dateTime(let instant, let iso8601) = self { return (instant, iso8601) }
        return nil
    }
}
