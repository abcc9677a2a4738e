/// The ways the mock renders an instant (createdAt, updatedAt, planningCallDateTime, the
/// datetime custom field). Each denotes the instant exactly; the zone-less shapes are
/// Europe/Moscow wall time, which is UTC+3 for every instant they are used for.
enum DateShape: Equatable {
    /// `"2024-01-01T00:00:00Z"`
    case isoZulu
    /// `"2024-01-01T03:00:00+03:00"`; the offset in minutes east of UTC.
    case isoOffset(minutes: Int)
    /// `"2024-01-01T00:00:00.000Z"`
    case isoMilliseconds
    /// `"2024-01-01 03:00:00"`, Moscow wall time.
    case moscowSQL
    /// `1704067200`, a JSON number.
    case unixSeconds
    /// `"1704067200"`, a numeric string.
    case unixSecondsString
    /// `1704067200000`, a JSON number.
    case unixMilliseconds
    /// `"01.01.2024 03:00"`, Moscow wall time without seconds.
    case moscowDotted

    /// Per-mille weights of the shapes, in the order `shape(bucket:)` maps them.
    static let weights = [300, 150, 100, 150, 80, 70, 70, 80]

    /// Offsets of `isoOffset`: mostly Moscow's own (+03:00, 80%), with +05:00 and -05:00
    /// (10% each) so a client cannot get away with hard-coding +3.
    static let isoOffsetsMinutes = [180, 180, 180, 180, 180, 180, 180, 180, 300, -300]

    /// Picks a shape from two draws and falls back where the shape cannot denote the instant:
    /// Moscow wall time only since the offset became a fixed +3 (2014-10-26), and the
    /// minute-only shape only on whole minutes.
    static func pick(perMille: Int, variant: UInt64, unixSeconds: Int64) -> DateShape {
        var shape: DateShape
        switch pickBucket(perMille, weights) {
        case 0: shape = .isoZulu
        case 1:
            shape = .isoOffset(minutes: isoOffsetsMinutes[Int(variant % UInt64(isoOffsetsMinutes.count))])
        case 2: shape = .isoMilliseconds
        case 3: shape = .moscowSQL
        case 4: shape = .unixSeconds
        case 5: shape = .unixSecondsString
        case 6: shape = .unixMilliseconds
        default: shape = .moscowDotted
        }
        if shape == .moscowDotted && unixSeconds % 60 != 0 {
            shape = .moscowSQL
        }
        if (shape == .moscowSQL || shape == .moscowDotted) && unixSeconds < CivilTime.moscowFixedOffsetSince {
            shape = .isoZulu
        }
        return shape
    }

    /// Writes the JSON value (string or number) denoting `unixSeconds` in this shape.
    func write(unixSeconds: Int64, to writer: inout JSONWriter) {
        switch self {
        case .isoZulu:
            writeISO(CivilTime(unixSeconds: unixSeconds), suffix: "Z", to: &writer)
        case .isoOffset(let minutes):
            let wall = CivilTime(unixSeconds: unixSeconds, offsetSeconds: Int64(minutes) * 60)
            writer.byte(UInt8(ascii: "\""))
            writeDateTime(wall, separator: UInt8(ascii: "T"), to: &writer)
            writer.byte(minutes < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
            writer.digits(abs(minutes) / 60, width: 2)
            writer.byte(UInt8(ascii: ":"))
            writer.digits(abs(minutes) % 60, width: 2)
            writer.byte(UInt8(ascii: "\""))
        case .isoMilliseconds:
            writeISO(CivilTime(unixSeconds: unixSeconds), suffix: ".000Z", to: &writer)
        case .moscowSQL:
            let wall = CivilTime(unixSeconds: unixSeconds, offsetSeconds: CivilTime.moscowOffsetSeconds)
            writer.byte(UInt8(ascii: "\""))
            writeDateTime(wall, separator: UInt8(ascii: " "), to: &writer)
            writer.byte(UInt8(ascii: "\""))
        case .unixSeconds:
            writer.int(unixSeconds)
        case .unixSecondsString:
            writer.intAsString(unixSeconds)
        case .unixMilliseconds:
            writer.int(unixSeconds * 1000)
        case .moscowDotted:
            let wall = CivilTime(unixSeconds: unixSeconds, offsetSeconds: CivilTime.moscowOffsetSeconds)
            writer.byte(UInt8(ascii: "\""))
            writer.digits(wall.day, width: 2)
            writer.byte(UInt8(ascii: "."))
            writer.digits(wall.month, width: 2)
            writer.byte(UInt8(ascii: "."))
            writer.digits(wall.year, width: 4)
            writer.byte(UInt8(ascii: " "))
            writer.digits(wall.hour, width: 2)
            writer.byte(UInt8(ascii: ":"))
            writer.digits(wall.minute, width: 2)
            writer.byte(UInt8(ascii: "\""))
        }
    }

    private func writeISO(_ wall: CivilTime, suffix: StaticString, to writer: inout JSONWriter) {
        writer.byte(UInt8(ascii: "\""))
        writeDateTime(wall, separator: UInt8(ascii: "T"), to: &writer)
        writer.staticText(suffix)
        writer.byte(UInt8(ascii: "\""))
    }

    /// `YYYY-MM-DD?HH:MM:SS` with `separator` between date and time.
    private func writeDateTime(_ wall: CivilTime, separator: UInt8, to writer: inout JSONWriter) {
        writer.digits(wall.year, width: 4)
        writer.byte(UInt8(ascii: "-"))
        writer.digits(wall.month, width: 2)
        writer.byte(UInt8(ascii: "-"))
        writer.digits(wall.day, width: 2)
        writer.byte(separator)
        writer.digits(wall.hour, width: 2)
        writer.byte(UInt8(ascii: ":"))
        writer.digits(wall.minute, width: 2)
        writer.byte(UInt8(ascii: ":"))
        writer.digits(wall.second, width: 2)
    }
}
