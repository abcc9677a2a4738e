extension TimestampParser {
    /// `YYYY-MM-DD`, then optionally `T`, `t` or a space and a time, then optionally a zone.
    func parseISO(_ scanner: inout ByteScanner) -> Timestamp? {
        guard let year = scanner.digits(4), scanner.skip(UInt8(ascii: "-")),
            let month = scanner.digits(2), scanner.skip(UInt8(ascii: "-")),
            let day = scanner.digits(2)
        else { return nil }
        let date = CivilDate(year: year, month: month, day: day)
        guard date.isValid else { return nil }
        if scanner.isAtEnd {
            return instant(date: date, secondOfDay: 0, millisecond: 0, offsetSeconds: nil)
        }
        guard scanner.skip(UInt8(ascii: "T")) || scanner.skip(UInt8(ascii: "t")) || scanner.skip(UInt8(ascii: " ")),
            let (secondOfDay, millisecond) = Self.time(&scanner, hourDigits: 2)
        else { return nil }
        if scanner.isAtEnd {
            return instant(date: date, secondOfDay: secondOfDay, millisecond: millisecond, offsetSeconds: nil)
        }
        _ = scanner.skipSpaces()  // "2024-01-01 03:00:00 +03:00", as some databases print it
        guard let offset = Self.zoneOffset(&scanner), scanner.isAtEnd else { return nil }
        return instant(date: date, secondOfDay: secondOfDay, millisecond: millisecond, offsetSeconds: offset)
    }

    /// `DD.MM.YYYY`, then optionally spaces (or a comma and spaces) and `HH:MM[:SS]`; always in
    /// `sourceTimeZone`.
    func parseDayFirst(_ scanner: inout ByteScanner) -> Timestamp? {
        guard let (day, _) = scanner.digits(upTo: 2), scanner.skip(UInt8(ascii: ".")),
            let (month, _) = scanner.digits(upTo: 2), scanner.skip(UInt8(ascii: ".")),
            let year = scanner.digits(4)
        else { return nil }
        let date = CivilDate(year: year, month: month, day: day)
        guard date.isValid else { return nil }
        if scanner.isAtEnd {
            return instant(date: date, secondOfDay: 0, millisecond: 0, offsetSeconds: nil)
        }
        _ = scanner.skip(UInt8(ascii: ","))
        guard scanner.skipSpaces() > 0, let (secondOfDay, millisecond) = Self.time(&scanner, hourDigits: 1...2),
            scanner.isAtEnd
        else { return nil }
        return instant(date: date, secondOfDay: secondOfDay, millisecond: millisecond, offsetSeconds: nil)
    }

    /// `HH:MM`, optionally `:SS`, optionally a fraction after `.` or `,`; validated (hour 0–23).
    private static func time(
        _ scanner: inout ByteScanner, hourDigits: ClosedRange<Int>
    ) -> (secondOfDay: Int, millisecond: Int)? {
        guard let (hour, count) = scanner.digits(upTo: hourDigits.upperBound), hourDigits.contains(count),
            scanner.skip(UInt8(ascii: ":")), let minute = scanner.digits(2)
        else { return nil }
        var second = 0
        var millisecond = 0
        if scanner.skip(UInt8(ascii: ":")) {
            guard let seconds = scanner.digits(2) else { return nil }
            second = seconds
            if scanner.skip(UInt8(ascii: ".")) || scanner.skip(UInt8(ascii: ",")) {
                guard let fraction = scanner.fractionMilliseconds() else { return nil }
                millisecond = fraction
            }
        }
        guard hour < 24, minute < 60, second < 60 else { return nil }
        return (hour * 3600 + minute * 60 + second, millisecond)
    }

    private static func time(_ scanner: inout ByteScanner, hourDigits: Int) -> (secondOfDay: Int, millisecond: Int)? {
        time(&scanner, hourDigits: hourDigits...hourDigits)
    }

    /// `Z`, `UTC`, `GMT`, or `±HH`, `±HHMM`, `±HH:MM` up to ±18:00; the offset in seconds east of UTC.
    /// Also `±HH:MM:SS`, which `TimestampFormatter` writes for local mean time before about 1920.
    private static func zoneOffset(_ scanner: inout ByteScanner) -> Int? {
        if scanner.skip(UInt8(ascii: "Z")) || scanner.skip(UInt8(ascii: "z"))
            || scanner.skip(caseInsensitive: "UTC") || scanner.skip(caseInsensitive: "GMT")
        {
            return 0
        }
        let sign: Int
        if scanner.skip(UInt8(ascii: "+")) {
            sign = 1
        } else if scanner.skip(UInt8(ascii: "-")) {
            sign = -1
        } else {
            return nil
        }
        guard let hours = scanner.digits(2) else { return nil }
        var minutes = 0
        var seconds = 0
        if !scanner.isAtEnd {
            let hasColon = scanner.skip(UInt8(ascii: ":"))
            guard let parsed = scanner.digits(2) else { return nil }
            minutes = parsed
            if hasColon, scanner.skip(UInt8(ascii: ":")) {
                guard let parsedSeconds = scanner.digits(2) else { return nil }
                seconds = parsedSeconds
            }
        }
        let total = hours * 3600 + minutes * 60 + seconds
        guard minutes < 60, seconds < 60, total <= 18 * 3600 else { return nil }
        return sign * total
    }
}
