import Foundation

/// A window turned into instants at the moment a run starts.
public struct ResolvedWindow: Sendable, Equatable {
    /// Inclusive.
    public let from: Timestamp
    /// Exclusive.
    public let to: Timestamp
    public let timeZone: TimeZone

    /// A window from explicit instants (an incremental run's start comes from the state file).
    init(from: Timestamp, to: Timestamp, timeZone: TimeZone) {
        self.from = from
        self.to = to
        self.timeZone = timeZone
    }

    /// - Throws: `ExportError.badPipeline` when `from` is not before `to`.
    public init(_ spec: WindowSpec, now: Date) throws {
        let clock = ZonedClock(timeZone: spec.timeZone)
        let nowStamp = Timestamp(date: now)
        func resolve(_ bound: WindowBound) -> Timestamp {
            switch bound {
            case .instant(let instant): return instant
            case .now: return nowStamp
            case .hoursAgo(let hours):
                return Timestamp(millisecondsSinceEpoch: nowStamp.millisecondsSinceEpoch - Int64(hours) * 3_600_000)
            case .startOfDay(let days):
                return clock.addingDays(days, toStartOfDay: clock.startOfDay(containing: nowStamp))
            case .wallClock(let year, let month, let day, let hour, let minute, let second):
                return clock.timestamp(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
            }
        }
        from = resolve(spec.from)
        to = resolve(spec.to)
        timeZone = spec.timeZone
        guard from < to else {
            let formatter = TimestampFormatter(timeZone: spec.timeZone)
            throw ExportError.badPipeline(
                "window: expected \"from\" before \"to\", got \(formatter.iso8601(from)) to \(formatter.iso8601(to))")
        }
    }

    /// A bound as it goes into file names: `2024-01-31` at midnight, else `2024-01-31T1530`.
    public func fileNameLabel(_ timestamp: Timestamp) -> String {
        let parts = TimestampFormatter(timeZone: timeZone).localComponents(timestamp)
        let date = String(format: "%04d-%02d-%02d", parts.year, parts.month, parts.day)
        guard parts.hour != 0 || parts.minute != 0 || parts.second != 0 else { return date }
        return date + String(format: "T%02d%02d", parts.hour, parts.minute) + (parts.second == 0 ? "" : String(format: "%02d", parts.second))
    }

    /// `2024-01-01T00:00:00+03:00 – 2024-01-02T00:00:00+03:00 (Europe/Moscow)`.
    public var description: String {
        let formatter = TimestampFormatter(timeZone: timeZone)
        // Foundation names the zone called "UTC" in the file "GMT"; show what the user wrote.
        let zoneName = timeZone.identifier == "GMT" ? "UTC" : timeZone.identifier
        return "\(formatter.iso8601(from)) to \(formatter.iso8601(to)) (\(zoneName))"
    }
}
