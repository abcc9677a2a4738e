/// Excel's date numbers: days since 1899-12-30 (the 1900 date system), the time as the day's fraction.
///
/// Computed from the wall-clock prefix of an ISO 8601 text (`2024-01-01T10:00:00.123+03:00` →
/// 2024-01-01 10:00:00.123), since a spreadsheet cell has no zone and shows exactly that clock.
enum ExcelSerial {
    /// Days from 1899-12-30 to 1970-01-01.
    static let epochOffsetDays: Int64 = 25_569
    /// 1900-03-01: before it, Excel's serials are off by its fictitious 1900-02-29.
    static let firstExactSerial = 61.0
    /// 9999-12-31, Excel's last date.
    static let lastSerial = 2_958_465.0

    /// The serial of a date-time and its wall clock (`2024-01-01T10:00:00.123`), or nil when the text is
    /// not one or Excel cannot show it.
    static func dateTime(_ iso8601: String) -> (serial: Double, wallClock: String)? {
        let bytes = Array(iso8601.utf8.prefix(23))
        guard bytes.count >= 19, bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " "),
              bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
              let days = days(bytes), let hour = number(bytes[11..<13]), let minute = number(bytes[14..<16]),
              let second = number(bytes[17..<19]), hour < 24, minute < 60, second < 61
        else { return nil }
        var milliseconds = 0
        var clockLength = 19
        if bytes.count > 20, bytes[19] == UInt8(ascii: ".") {
            var scale = 100
            for byte in bytes[20...] {
                guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { break }
                milliseconds += Int(byte - UInt8(ascii: "0")) * scale
                scale /= 10
                clockLength += clockLength == 19 ? 2 : 1
            }
        }
        let seconds = Double(((hour * 60 + minute) * 60 + second) * 1000 + milliseconds) / 1000
        let serial = Double(days) + seconds / 86_400
        guard serial >= firstExactSerial, serial < lastSerial + 1 else { return nil }
        return (serial, String(decoding: bytes.prefix(clockLength), as: UTF8.self))
    }

    /// The serial of a date (`2024-03-01`), or nil.
    static func date(_ iso8601: String) -> Double? {
        let bytes = Array(iso8601.utf8)
        guard bytes.count == 10, let days = days(bytes) else { return nil }
        let serial = Double(days)
        return serial >= firstExactSerial && serial <= lastSerial ? serial : nil
    }

    /// Days since 1899-12-30 of the `YYYY-MM-DD` at the start of `bytes`.
    private static func days(_ bytes: [UInt8]) -> Int64? {
        guard bytes.count >= 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
              let year = number(bytes[0..<4]), let month = number(bytes[5..<7]), let day = number(bytes[8..<10])
        else { return nil }
        let date = CivilDate(year: year, month: month, day: day)
        guard date.isValid else { return nil }
        return date.daysSinceEpoch + epochOffsetDays
    }

    private static func number(_ digits: ArraySlice<UInt8>) -> Int? {
        var value = 0
        for byte in digits {
            guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }
}
