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

    static let defaultTimeZone = "Europe/Moscow"

    private enum CodingKeys: String, CodingKey, CaseIterable { case from, to, timeZone }

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
        from = try container.decodeWindowBound(forKey: .from)
        to = try container.decodeWindowBound(forKey: .to)
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
