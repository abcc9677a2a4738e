/// Reading `window` from a pipeline file: the shorthand strings, or an object whose absent keys take
/// the defaults of `init(from:to:...)`; `from` and `to` may be left out only with `since`.
extension WindowSpec: Decodable {
    private enum CodingKeys: String, CodingKey, CaseIterable { case from, to, timeZone, chunk, leadsPerWindow, since, lookback, stateFile }

    public init(from decoder: Decoder) throws {
        if let shorthand = try? decoder.singleValueContainer().decode(String.self) {
            guard let (from, to) = Self.bounds(ofShorthand: shorthand) else {
                throw DecodingError.dataCorrupted(.init(
                    codingPath: decoder.codingPath,
                    debugDescription: "expected \"yesterday\", \"today\", \"last N days\" or an object with "
                        + "\"from\" and \"to\", got \"\(shorthand)\""))
            }
            self.init(from: from, to: to)
            return
        }
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let timeZone = try container.decodeTimeZone(forKey: .timeZone)
        var sinceLastSuccess = false
        if let since = try container.decodeIfPresent(String.self, forKey: .since) {
            guard since == "last-success" else {
                throw DecodingError.dataCorruptedError(
                    forKey: .since, in: container, debugDescription: "expected \"last-success\", got \"\(since)\"")
            }
            sinceLastSuccess = true
        }
        // With `since`, `from` is only where the very first run starts, and `to` defaults to now.
        let from: WindowBound = try sinceLastSuccess && !container.contains(.from)
            ? .startOfDay(daysFromToday: -1) : container.decodeWindowBound(forKey: .from)
        let to: WindowBound = try sinceLastSuccess && !container.contains(.to) ? .now : container.decodeWindowBound(forKey: .to)
        self.init(from: from, to: to, sinceLastSuccess: sinceLastSuccess)
        self.timeZone = timeZone ?? self.timeZone
        if let text = try container.decodeIfPresent(String.self, forKey: .chunk) {
            guard let parsed = WindowChunk(rawValue: text) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .chunk, in: container, debugDescription: "expected one of auto, day, week, none, got \"\(text)\"")
            }
            chunk = parsed
        }
        if let count = try container.decodeInteger(.leadsPerWindow, in: 100...1_000_000) {
            guard chunk == .auto else {
                throw DecodingError.dataCorruptedError(
                    forKey: .leadsPerWindow, in: container, debugDescription: "\"leadsPerWindow\" needs \"chunk\": \"auto\"")
            }
            leadsPerWindow = count
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
