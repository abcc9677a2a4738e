/// One end of a window as written in the pipeline file; resolved to an instant when a run starts.
public enum WindowBound: Sendable, Equatable {
    /// A date-time with an explicit offset or `Z`.
    case instant(Timestamp)
    /// A wall-clock date-time without offset, read in the window's zone.
    case wallClock(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int)
    /// The moment the run starts.
    case now
    /// Midnight of today plus `daysFromToday` days (yesterday is -1), in the window's zone.
    case startOfDay(daysFromToday: Int)
    /// The run's start minus this many hours.
    case hoursAgo(Int)

    /// Parses `now`, `today`, `yesterday`, `tomorrow`, `N days ago`, `N hours ago`,
    /// `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM[:SS]` and ISO 8601 with an offset.
    public init?(_ text: String) {
        let lowered = text.lowercased().trimmingCharacters(in: .whitespaces)
        switch lowered {
        case "now": self = .now; return
        case "today": self = .startOfDay(daysFromToday: 0); return
        case "yesterday": self = .startOfDay(daysFromToday: -1); return
        case "tomorrow": self = .startOfDay(daysFromToday: 1); return
        default: break
        }
        let words = lowered.split(separator: " ")
        if words.count == 3, words[2] == "ago", let count = Int(words[0]), count >= 0 {
            switch words[1] {
            case "day", "days": self = .startOfDay(daysFromToday: -count); return
            case "hour", "hours": self = .hoursAgo(count); return
            default: return nil
            }
        }
        if let wallClock = Self.wallClock(lowered) {
            self = wallClock
            return
        }
        // Anything else must carry its own offset; the UTC parser rejects zoneless text it did not see above.
        guard lowered.hasSuffix("z") || lowered.dropFirst(10).contains(where: { $0 == "+" || $0 == "-" }),
              let instant = TimestampParser(sourceTimeZone: .gmt).parse(text)
        else { return nil }
        self = .instant(instant)
    }

    /// `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM[:SS]` with no offset.
    private static func wallClock(_ text: String) -> WindowBound? {
        let pattern = /(\d{4})-(\d{2})-(\d{2})(?:[t ](\d{2}):(\d{2})(?::(\d{2}))?)?/
        guard let match = text.wholeMatch(of: pattern),
              let year = Int(match.1), let month = Int(match.2), let day = Int(match.3)
        else { return nil }
        let hour = match.4.flatMap { Int($0) } ?? 0
        let minute = match.5.flatMap { Int($0) } ?? 0
        let second = match.6.flatMap { Int($0) } ?? 0
        // The date parser rejects impossible days such as 2023-02-29.
        guard hour < 24, minute < 60, second < 60,
              TimestampParser(sourceTimeZone: .gmt).parse(String(text.prefix(10))) != nil
        else { return nil }
        return .wallClock(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
    }
}
