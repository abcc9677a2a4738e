/// Calendar arithmetic on Unix seconds without Foundation.
///
/// Rendering a page calls this hundreds of times; `DateFormatter` and `Calendar` cost
/// microseconds each and allocate, while these are a few integer operations
/// (Howard Hinnant's `days_from_civil` / `civil_from_days`, proleptic Gregorian, UTC).
struct CivilTime: Equatable {
    var year: Int
    var month: Int
    var day: Int
    var hour: Int
    var minute: Int
    var second: Int

    /// Moscow has been UTC+3 all year since this instant (2014-10-26 02:00 MSK, UTC+4 before).
    /// Shapes that render Moscow wall time are only used from here on, where "+3" is exact.
    static let moscowFixedOffsetSince: Int64 = 1_414_274_400
    /// Moscow's offset from UTC since `moscowFixedOffsetSince`, in seconds.
    static let moscowOffsetSeconds: Int64 = 3 * 3600

    /// The wall-clock time at `unixSeconds`, shifted by `offsetSeconds` from UTC.
    init(unixSeconds: Int64, offsetSeconds: Int64 = 0) {
        let local = unixSeconds + offsetSeconds
        var days = local / 86_400
        var secondOfDay = local % 86_400
        if secondOfDay < 0 {
            secondOfDay += 86_400
            days -= 1
        }
        let (year, month, day) = CivilTime.civil(fromDays: days)
        self.year = year
        self.month = month
        self.day = day
        self.hour = Int(secondOfDay / 3600)
        self.minute = Int(secondOfDay % 3600 / 60)
        self.second = Int(secondOfDay % 60)
    }

    init(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
    }

    /// Seconds since 1970-01-01T00:00:00 for this wall time read as UTC.
    var unixSecondsAsUTC: Int64 {
        CivilTime.days(fromCivil: year, month, day) * 86_400
            + Int64(hour * 3600 + minute * 60 + second)
    }

    /// Day of week, 0 = Sunday.
    var weekday: Int {
        let days = CivilTime.days(fromCivil: year, month, day)
        let weekday = (days + 4) % 7  // 1970-01-01 was a Thursday
        return Int(weekday < 0 ? weekday + 7 : weekday)
    }

    static func days(fromCivil year: Int, _ month: Int, _ day: Int) -> Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let m = Int64(month)
        let dayOfYear = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    static func civil(fromDays daysSinceEpoch: Int64) -> (year: Int, month: Int, day: Int) {
        let z = daysSinceEpoch + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (Int(year), Int(month), Int(day))
    }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2:
            let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
            return leap ? 29 : 28
        case 4, 6, 9, 11:
            return 30
        default:
            return 31
        }
    }

    private static let weekdayNames = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let monthNames = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]

    /// RFC 9110 IMF-fixdate, e.g. "Sun, 06 Nov 1994 08:49:37 GMT" (used by Retry-After).
    static func httpDate(unixSeconds: Int64) -> String {
        let t = CivilTime(unixSeconds: unixSeconds)
        return "\(weekdayNames[t.weekday]), \(pad2(t.day)) \(monthNames[t.month - 1]) \(t.year) "
            + "\(pad2(t.hour)):\(pad2(t.minute)):\(pad2(t.second)) GMT"
    }

    private static func pad2(_ value: Int) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }
}
