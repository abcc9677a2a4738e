import Foundation

/// Decodes the date shapes the API uses, independently of the mock's own rendering code:
/// Foundation's formatters with the real Europe/Moscow zone from the time zone database.
enum TestDates {
    enum Shape: String, CaseIterable {
        case isoZulu, isoOffset, isoMilliseconds, moscowSQL, unixSeconds, unixSecondsString, unixMilliseconds, moscowDotted
    }

    private static func formatter(_ format: String, zone: TimeZone?) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.calendar = Calendar(identifier: .gregorian)
        formatter.dateFormat = format
        if let zone { formatter.timeZone = zone }
        return formatter
    }

    private static let moscow = TimeZone(identifier: "Europe/Moscow")!
    private static let iso = formatter("yyyy-MM-dd'T'HH:mm:ssXXXXX", zone: TimeZone(identifier: "UTC"))
    private static let isoMillis = formatter("yyyy-MM-dd'T'HH:mm:ss.SSSXXXXX", zone: TimeZone(identifier: "UTC"))
    private static let sql = formatter("yyyy-MM-dd HH:mm:ss", zone: moscow)
    private static let dotted = formatter("dd.MM.yyyy HH:mm", zone: moscow)

    /// The instant and shape of a JSON date value, or nil when it is none of the shapes.
    static func decode(_ value: Any?) -> (date: Date, shape: Shape)? {
        // Any plausible Unix time is far above 1 (so JSON true, which bridges to NSNumber on
        // Linux, never passes).
        if let number = value as? NSNumber, number.int64Value > 1_000_000 {
            let raw = number.int64Value
            guard Double(raw) == number.doubleValue else { return nil }
            if raw >= 100_000_000_000 {
                return (Date(timeIntervalSince1970: Double(raw) / 1000), .unixMilliseconds)
            }
            return (Date(timeIntervalSince1970: Double(raw)), .unixSeconds)
        }
        guard let text = value as? String, !text.isEmpty else { return nil }
        if text.allSatisfy({ $0.isASCII && $0.isNumber }), let seconds = Double(text) {
            return (Date(timeIntervalSince1970: seconds), .unixSecondsString)
        }
        if text.contains("T") {
            if text.contains(".") {
                return isoMillis.date(from: text).map { ($0, .isoMilliseconds) }
            }
            let shape: Shape = text.hasSuffix("Z") ? .isoZulu : .isoOffset
            return iso.date(from: text).map { ($0, shape) }
        }
        if text.contains(".") {
            return dotted.date(from: text).map { ($0, .moscowDotted) }
        }
        return sql.date(from: text).map { ($0, .moscowSQL) }
    }
}
