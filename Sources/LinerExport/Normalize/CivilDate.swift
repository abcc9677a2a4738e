/// A proleptic Gregorian calendar date, with the day-number arithmetic that the parser, the
/// formatter and `ZonedClock` share.
///
/// Hand-written rather than `Calendar`, which costs microseconds per call: these are Howard
/// Hinnant's `days_from_civil` and `civil_from_days` ("chrono-Compatible Low-Level Date
/// Algorithms"), exact for every year an `Int` can hold, with no tables and no branches on
/// leap years.
struct CivilDate: Hashable, Sendable {
    var year: Int
    var month: Int
    var day: Int

    /// The date `daysSinceEpoch` days after 1970-01-01 (negative: before it).
    init(daysSinceEpoch: Int64) {
        let shifted = daysSinceEpoch + 719_468  // count from 0000-03-01, so the leap day ends a year
        let era = CivilDate.floorDivide(shifted, 146_097)
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthFromMarch = (5 * dayOfYear + 2) / 153
        day = Int(dayOfYear - (153 * monthFromMarch + 2) / 5 + 1)
        month = Int(monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9)
        year = Int(yearOfEra + era * 400) + (month <= 2 ? 1 : 0)
    }

    /// A date from its parts, which must already be valid (see `isValid`).
    init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Days from 1970-01-01 to this date. A `day` beyond the month's end simply counts on
    /// into the following months, which `ZonedClock` relies on.
    var daysSinceEpoch: Int64 {
        let yearFromMarch = Int64(month <= 2 ? year - 1 : year)
        let era = CivilDate.floorDivide(yearFromMarch, 400)
        let yearOfEra = yearFromMarch - era * 400
        let monthFromMarch = Int64(month > 2 ? month - 3 : month + 9)
        let dayOfYear = (153 * monthFromMarch + 2) / 5 + Int64(day) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// Whether the parts name a real day: month 1...12, day within that month (29 February in leap years only).
    var isValid: Bool {
        (1...12).contains(month) && day >= 1 && day <= CivilDate.daysInMonth(year: year, month: month)
    }

    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    static func isLeapYear(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    /// Division rounding toward negative infinity, so instants before 1970 fall into the right day.
    @inline(__always)
    static func floorDivide<T: BinaryInteger>(_ dividend: T, _ divisor: T) -> T {
        let quotient = dividend / divisor
        return (dividend % divisor != 0 && (dividend < 0) != (divisor < 0)) ? quotient - 1 : quotient
    }

    /// The remainder matching `floorDivide`: always in `0..<divisor` for a positive divisor.
    @inline(__always)
    static func floorModulo<T: BinaryInteger>(_ dividend: T, _ divisor: T) -> T {
        dividend - floorDivide(dividend, divisor) * divisor
    }
}
