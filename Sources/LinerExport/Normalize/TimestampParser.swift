import Foundation
import LinerJSON

/// Reads the date-time shapes the Liner API sends into instants.
///
/// Accepted, with surrounding whitespace:
/// - ISO 8601: `2024-01-01T03:00:00+03:00`, with `Z`, `+03:00`, `+0300`, `+03`, ` UTC` or no zone;
///   `T` or a space between date and time; seconds optional; a fraction of any length after `.` or
///   `,` (milliseconds are kept, finer digits truncated);
/// - a date alone, `2024-01-01` (midnight);
/// - `DD.MM.YYYY`, `DD.MM.YYYY HH:MM` and `DD.MM.YYYY HH:MM:SS` (day, month and hour may have
///   one digit);
/// - Unix time as a numeric string, in seconds or milliseconds (see `millisecondsThreshold`),
///   possibly signed or with a fraction.
///
/// Inputs without a zone are wall-clock times in `sourceTimeZone`, resolved as `ZonedClock` does.
/// Impossible dates and times (2023-02-29, month 13, hour 24 or 25, minute 60, second 60) are
/// rejected, as are instants outside the years 0001–9999. Parsing works on the UTF-8 bytes with
/// no Foundation formatter or `Calendar`, so a call costs well under a microsecond.
public struct TimestampParser: Sendable {
    /// Zone for inputs that carry none (for Liner: `Europe/Moscow`).
    public let sourceTimeZone: TimeZone
    let table: ZoneOffsetTable

    /// Unix numbers whose magnitude is at least this are milliseconds, smaller ones seconds.
    ///
    /// 10¹¹ seconds would be the year 5138 and 10¹¹ milliseconds is 1973-03-03T09:46:40Z, so
    /// seconds are read right up to the year 5138 and milliseconds from March 1973 on; an instant
    /// in between cannot be told apart and is read as seconds.
    public static let millisecondsThreshold: Int64 = 100_000_000_000

    /// 0001-01-01T00:00:00Z, the first instant a four-digit year can express.
    static let earliest: Int64 = -62_135_596_800_000
    /// 9999-12-31T23:59:59.999Z, the last one.
    static let latest: Int64 = 253_402_300_799_999

    /// Creates a parser that reads zoneless inputs in `sourceTimeZone`.
    public init(sourceTimeZone: TimeZone) {
        self.sourceTimeZone = sourceTimeZone
        self.table = ZoneOffsetTable.shared(for: sourceTimeZone)
    }

    /// Parses one text value.
    /// - Returns: the instant, or nil if the text is none of the accepted shapes or names an
    ///   impossible date or time (also for empty text; callers tell empty apart first).
    public func parse(_ text: String) -> Timestamp? {
        // A closure rather than `parse(utf8:)` itself: the method reference retained the parser's zone.
        text.withUTF8Bytes { parse(utf8: $0) }
    }

    /// Reads a JSON number as Unix time: seconds, or milliseconds from `millisecondsThreshold` on.
    ///
    /// Rounds to the nearest millisecond, because a `Double` such as `1704067200.123` is really a
    /// hair below `.123`; numeric strings, being exact decimals, are truncated instead. The two
    /// agree for every input with at most three decimals.
    /// - Returns: nil for NaN, infinities and instants outside the years 0001–9999.
    public func parse(unixNumber: Double) -> Timestamp? {
        guard unixNumber.isFinite else { return nil }
        let isMilliseconds = unixNumber.magnitude >= Double(Self.millisecondsThreshold)
        let milliseconds = (isMilliseconds ? unixNumber : unixNumber * 1000).rounded()
        guard milliseconds >= Double(Self.earliest), milliseconds <= Double(Self.latest) else { return nil }
        return Timestamp(millisecondsSinceEpoch: Int64(milliseconds))
    }

    /// Trims whitespace and dispatches on the leading digits: four then `-` is ISO, one or two then
    /// `.` is day-first, anything else must be a number.
    func parse(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Timestamp? {
        var start = 0
        var end = bytes.count
        while start < end {
            if Self.isSpace(bytes[start]) {
                start += 1
            } else if Self.isNoBreakSpace(bytes, at: start, end: end) {
                start += 2
            } else {
                break
            }
        }
        while end > start {
            if Self.isSpace(bytes[end - 1]) {
                end -= 1
            } else if end - start >= 2, Self.isNoBreakSpace(bytes, at: end - 2, end: end) {
                end -= 2
            } else {
                break
            }
        }
        guard start < end else { return nil }

        var digitRun = start
        while digitRun < end, ByteScanner.digitValue(bytes[digitRun]) != nil { digitRun += 1 }
        let separator = digitRun < end ? bytes[digitRun] : 0
        var scanner = ByteScanner(bytes, start: start, end: end)
        switch (digitRun - start, separator) {
        case (4, UInt8(ascii: "-")):
            return parseISO(&scanner)
        case (1...2, UInt8(ascii: ".")):
            if let parsed = parseDayFirst(&scanner) { return parsed }
            var numeric = ByteScanner(bytes, start: start, end: end)  // "12.5" is a number of seconds
            return parseUnixNumber(&numeric)
        default:
            return parseUnixNumber(&scanner)
        }
    }

    /// The instant for a validated date and time, given in `offsetSeconds` or, when nil, in
    /// `sourceTimeZone`; nil outside the years 0001–9999.
    func instant(date: CivilDate, secondOfDay: Int, millisecond: Int, offsetSeconds: Int?) -> Timestamp? {
        let localSeconds = date.daysSinceEpoch * 86_400 + Int64(secondOfDay)
        let utcSeconds =
            if let offsetSeconds { localSeconds - Int64(offsetSeconds) }
            else { table.utcSeconds(forLocalSeconds: localSeconds) }
        return Self.checked(utcSeconds * 1000 + Int64(millisecond))
    }

    static func checked(_ milliseconds: Int64) -> Timestamp? {
        guard milliseconds >= earliest, milliseconds <= latest else { return nil }
        return Timestamp(millisecondsSinceEpoch: milliseconds)
    }

    @inline(__always)
    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte)
    }

    /// U+00A0, which spreadsheets and Russian typography put around dates.
    @inline(__always)
    private static func isNoBreakSpace(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, end: Int) -> Bool {
        index + 1 < end && bytes[index] == 0xC2 && bytes[index + 1] == 0xA0
    }
}
