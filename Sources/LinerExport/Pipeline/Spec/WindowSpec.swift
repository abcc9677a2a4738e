import Foundation

/// The `createdAt` window to export: `[from, to)`, read in `timeZone`.
///
/// Either an object `{"from": ..., "to": ..., "timeZone": ...}` or a shorthand string:
/// `"yesterday"`, `"today"` (midnight until now) or `"last N days"` (the N whole days before today).
public struct WindowSpec: Sendable, Decodable {
    public var from: WindowBound
    public var to: WindowBound
    /// IANA zone in which dates without an offset and relative words are read. Default `Europe/Moscow`.
    public var timeZone: TimeZone
    /// How the range is split into windows fetched and checkpointed one by one. Default `auto`.
    public var chunk: WindowChunk = .auto
    /// True for `"since": "last-success"`: start where the last successful run ended, minus `lookback`.
    public var sinceLastSuccess = false
    /// Seconds re-fetched before the last successful run's end; already exported leads are skipped by id.
    public var lookbackSeconds: Int64 = 0
    /// The state file: completed windows, spool, lock and the last success. None: no resume.
    public var stateFile: String?

    static let defaultTimeZone = "Europe/Moscow"

    private enum CodingKeys: String, CodingKey, CaseIterable { case from, to, timeZone, chunk, since, lookback, stateFile }

    public init(from decoder: Decoder) throws {
        if let shorthand = try? decoder.singleValueContainer().decode(String.self) {
            timeZone = TimeZone(identifier: Self.defaultTimeZone)!
            guard let (from, to) = Self.bounds(ofShorthand: shorthand) else {
                throw DecodingError.dataCorrupted(.init(
                    codingPath: decoder.codingPath,
                    debugDescription: "expected \"yesterday\", \"today\", \"last N days\" or an object with "
                        + "\"from\" and \"to\", got \"\(shorthand)\""))
            }
            (self.from, self.to) = (from, to)
            return
        }
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        timeZone = try container.decodeTimeZone(forKey: .timeZone) ?? TimeZone(identifier: Self.defaultTimeZone)!
        if let since = try container.decodeIfPresent(String.self, forKey: .since) {
            guard since == "last-success" else {
                throw DecodingError.dataCorruptedError(
                    forKey: .since, in: container, debugDescription: "expected \"last-success\", got \"\(since)\"")
            }
            sinceLastSuccess = true
        }
        // With `since`, `from` is only where the very first run starts, and `to` defaults to now.
        from = sinceLastSuccess && !container.contains(.from) ? .startOfDay(daysFromToday: -1) : try container.decodeWindowBound(forKey: .from)
        to = sinceLastSuccess && !container.contains(.to) ? .now : try container.decodeWindowBound(forKey: .to)
        if let text = try container.decodeIfPresent(String.self, forKey: .chunk) {
            guard let parsed = WindowChunk(rawValue: text) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .chunk, in: container, debugDescription: "expected one of auto, day, week, none, got \"\(text)\"")
            }
            chunk = parsed
        }
        if let text = try container.decodeIfPresent(String.self, forKey: .lookback) {
            guard let seconds = Self.durationSeconds(text) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .lookback, in: container, debugDescription: "expected a duration like \"2h\", \"30m\" or \"1d\", got \"\(text)\"")
            }
            lookbackSeconds = seconds
        }
        stateFile = try container.decodeIfPresent(String.self, forKey: .stateFile)
        if sinceLastSuccess && stateFile == nil {
            throw DecodingError.dataCorruptedError(
                forKey: .since, in: container,
                debugDescription: "\"since\": \"last-success\" needs \"stateFile\", where the last success is remembered")
        }
        if lookbackSeconds > 0 && !sinceLastSuccess {
            throw DecodingError.dataCorruptedError(
                forKey: .lookback, in: container, debugDescription: "a lookback needs \"since\": \"last-success\"")
        }
    }

    /// `90s`, `30m`, `2h`, `1d` (also `2 hours`); nil when not a duration.
    static func durationSeconds(_ text: String) -> Int64? {
        let pattern = /\s*(\d{1,6})\s*(s|sec|secs|seconds?|m|min|mins|minutes?|h|hours?|d|days?)\s*/
        guard let match = text.lowercased().wholeMatch(of: pattern), let count = Int64(match.1) else { return nil }
        switch match.2.first {
        case "s": return count
        case "m": return count * 60
        case "h": return count * 3600
        default: return count * 86_400
        }
    }

    private static func bounds(ofShorthand text: String) -> (WindowBound, WindowBound)? {
        let words = text.lowercased().split(separator: " ")
        switch words.count {
        case 1 where words[0] == "yesterday": return (.startOfDay(daysFromToday: -1), .startOfDay(daysFromToday: 0))
        case 1 where words[0] == "today": return (.startOfDay(daysFromToday: 0), .now)
        case 3 where words[0] == "last" && (words[2] == "days" || words[2] == "day"):
            guard let days = Int(words[1]), days > 0 else { return nil }
            return (.startOfDay(daysFromToday: -days), .startOfDay(daysFromToday: 0))
        default: return nil
        }
    }
}

/// How a long range is cut into windows.
public enum WindowChunk: String, Sendable, CaseIterable {
    /// One window per calendar day (in the window's zone).
    case day
    /// One window per 7 days, from the range's start.
    case week
    /// From the server's `total`: windows small enough to keep offsets shallow (about 10,000 leads).
    case auto
    /// The whole range as one window.
    case none
}

extension KeyedDecodingContainer {
    /// An IANA zone name, or `utc`.
    func decodeTimeZone(forKey key: Key) throws -> TimeZone? {
        guard let name = try decodeIfPresent(String.self, forKey: key) else { return nil }
        let identifier = name.lowercased() == "utc" ? "UTC" : name
        guard let zone = TimeZone(identifier: identifier) else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: self,
                debugDescription: "expected an IANA time zone like \"Europe/Moscow\" or \"utc\", got \"\(name)\"")
        }
        return zone
    }

    func decodeWindowBound(forKey key: Key) throws -> WindowBound {
        let text = try decode(String.self, forKey: key)
        guard let bound = WindowBound(text) else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: self,
                debugDescription: "expected an ISO 8601 date or date-time, \"now\", \"today\", \"yesterday\" "
                    + "or \"N days ago\", got \"\(text)\"")
        }
        return bound
    }
}
