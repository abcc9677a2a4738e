import Foundation

/// Wall-clock time in one time zone, turned into instants: for export windows such as
/// "yesterday" and for inputs that carry no zone.
///
/// Calendar arithmetic is done on civil dates, then resolved in the zone, so a day is always a
/// calendar day (23 or 25 hours long across a DST change). Wall times that do not exist or occur
/// twice are resolved as `ZoneOffsetTable.utcSeconds(forLocalSeconds:)` documents: a time in a
/// DST gap moves forward by the gap's length (02:30 in a 02:00→03:00 gap becomes 03:30), and a
/// time in an overlap means the earlier of its two instants.
public struct ZonedClock: Sendable {
    /// The zone whose wall clock this reads.
    public let timeZone: TimeZone
    let table: ZoneOffsetTable

    /// Creates a clock for `timeZone` (an IANA zone such as `Europe/Moscow`, or a fixed offset).
    public init(timeZone: TimeZone) {
        self.timeZone = timeZone
        self.table = ZoneOffsetTable.shared(for: timeZone)
    }

    /// The instant at which the zone's wall clock shows the given time.
    ///
    /// Parts beyond their usual range carry over the way date arithmetic does: month 13 is
    /// January of the next year, day 32 of January is 1 February, hour 24 is midnight of the next
    /// day. Gaps and overlaps are resolved as the type's documentation says.
    public func timestamp(
        year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0, millisecond: Int = 0
    ) -> Timestamp {
        let monthsSinceYearZero = Int64(year) * 12 + Int64(month - 1)
        let date = CivilDate(
            year: Int(CivilDate.floorDivide(monthsSinceYearZero, 12)),
            month: Int(CivilDate.floorModulo(monthsSinceYearZero, 12)) + 1,
            day: 1
        )
        let localSeconds =
            (date.daysSinceEpoch + Int64(day - 1)) * 86_400
            + Int64(hour) * 3600 + Int64(minute) * 60 + Int64(second)
            + CivilDate.floorDivide(Int64(millisecond), 1000)
        return Timestamp(
            millisecondsSinceEpoch: table.utcSeconds(forLocalSeconds: localSeconds) * 1000
                + CivilDate.floorModulo(Int64(millisecond), 1000)
        )
    }

    /// The first instant of the zone's calendar day that contains `timestamp`: its midnight, or
    /// the end of the gap where a DST change skips midnight.
    public func startOfDay(containing timestamp: Timestamp) -> Timestamp {
        startOfDay(localDay: localDay(of: timestamp))
    }

    /// The start of the calendar day `days` days after the zone's day containing `toStartOfDay`
    /// (negative: before it). A calendar day, not 24 hours, so a DST change in between is respected.
    public func addingDays(_ days: Int, toStartOfDay startOfDay: Timestamp) -> Timestamp {
        self.startOfDay(localDay: localDay(of: startOfDay) + Int64(days))
    }

    /// Days since 1970-01-01 of the zone's wall-clock date at `timestamp`.
    private func localDay(of timestamp: Timestamp) -> Int64 {
        let utcSeconds = timestamp.secondsSinceEpoch
        let localSeconds = utcSeconds + Int64(table.offset(atUTCSeconds: utcSeconds))
        return CivilDate.floorDivide(localSeconds, 86_400)
    }

    private func startOfDay(localDay: Int64) -> Timestamp {
        Timestamp(millisecondsSinceEpoch: table.utcSeconds(forLocalSeconds: localDay * 86_400) * 1000)
    }
}
