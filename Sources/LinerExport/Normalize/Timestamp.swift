/// An instant in milliseconds since 1970-01-01T00:00:00Z.
///
/// A plain integer rather than `Date`: exact to the millisecond (a `Date` is a `Double` of seconds,
/// which cannot hold most decimal fractions exactly) and cheap to compare and hash.
public struct Timestamp: Sendable, Hashable, Comparable {
    /// Milliseconds since 1970-01-01T00:00:00Z; negative before it.
    public var millisecondsSinceEpoch: Int64

    /// Creates an instant from milliseconds since 1970-01-01T00:00:00Z.
    public init(millisecondsSinceEpoch: Int64) {
        self.millisecondsSinceEpoch = millisecondsSinceEpoch
    }

    /// Whole seconds since the epoch, rounded down (so -1 ms is in second -1, not 0).
    var secondsSinceEpoch: Int64 {
        CivilDate.floorDivide(millisecondsSinceEpoch, 1000)
    }

    /// The millisecond within the second, 0...999 (also before 1970).
    var millisecond: Int {
        Int(CivilDate.floorModulo(millisecondsSinceEpoch, 1000))
    }

    /// Orders instants in time.
    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool {
        lhs.millisecondsSinceEpoch < rhs.millisecondsSinceEpoch
    }
}

extension Timestamp: CustomStringConvertible {
    /// ISO 8601 in UTC, such as `2024-01-01T00:00:00Z`, for logs and test failures.
    public var description: String {
        TimestampFormatter.utc.iso8601(self)
    }
}
