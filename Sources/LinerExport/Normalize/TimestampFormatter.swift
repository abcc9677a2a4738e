import Foundation

/// Writes instants as ISO 8601 text, or as wall-clock parts, in one time zone.
///
/// Like `TimestampParser`, it avoids Foundation's formatters and `Calendar` on the hot path: the
/// offset comes from the zone's cached transition table and the date from day-number arithmetic.
public struct TimestampFormatter: Sendable {
    /// The zone the output is in.
    public let timeZone: TimeZone
    let table: ZoneOffsetTable

    /// A formatter for UTC, used by `Timestamp.description`.
    static let utc = TimestampFormatter(timeZone: TimeZone(identifier: "UTC")!)

    /// Creates a formatter for `timeZone`: an IANA zone such as `Europe/Moscow`, a fixed offset,
    /// or UTC (which is written with `Z`).
    public init(timeZone: TimeZone) {
        self.timeZone = timeZone
        self.table = ZoneOffsetTable.shared(for: timeZone)
    }

    /// ISO 8601 with the zone's offset at that instant: `2024-01-01T03:00:00+03:00`.
    ///
    /// Milliseconds appear (as `.123`) only when they are not zero. A zone that is UTC at every
    /// instant writes `Z`; any other zone writes its offset, `+00:00` included. An offset with
    /// seconds (local mean time before 1920 or so) is written `+02:30:17`, as java.time does.
    public func iso8601(_ timestamp: Timestamp) -> String {
        String(unsafeUninitializedCapacity: 48) { write(timestamp, into: $0) }
    }

    /// The same text stored inline, for a cell (no heap allocation).
    func iso8601Text(_ timestamp: Timestamp) -> ISO8601Text {
        ISO8601Text { write(timestamp, into: $0) }
    }

    /// Writes `iso8601(timestamp)` at the start of `buffer` (at least 38 bytes); returns its length.
    @inline(__always)
    private func write(_ timestamp: Timestamp, into buffer: UnsafeMutableBufferPointer<UInt8>) -> Int {
        let utcSeconds = timestamp.secondsSinceEpoch
        let offset = table.offset(atUTCSeconds: utcSeconds)
        let wall = WallClock(localSeconds: utcSeconds + Int64(offset), millisecond: timestamp.millisecond)
        var writer = ASCIIWriter(buffer: buffer)
        writer.writeWallClock(wall)
        if table.isUTC {
            writer.write(UInt8(ascii: "Z"))
        } else {
            writer.write(offset < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
            let magnitude = abs(offset)
            writer.write(magnitude / 3600, digits: 2)
            writer.write(UInt8(ascii: ":"))
            writer.write(magnitude / 60 % 60, digits: 2)
            if magnitude % 60 != 0 {
                writer.write(UInt8(ascii: ":"))
                writer.write(magnitude % 60, digits: 2)
            }
        }
        return writer.count
    }

    /// ISO 8601 for a fixed offset that no zone names, such as a client's `utcOffset`:
    /// `2024-01-01T08:30:00+05:30`. The offset is written as hours and minutes only, so any seconds
    /// in it shift the wall clock but are not written.
    static func iso8601(_ timestamp: Timestamp, fixedOffsetSeconds offset: Int) -> String {
        String(unsafeUninitializedCapacity: 48) { write(timestamp, fixedOffsetSeconds: offset, into: $0) }
    }

    /// The same text stored inline, for a cell (no heap allocation).
    static func iso8601Text(_ timestamp: Timestamp, fixedOffsetSeconds offset: Int) -> ISO8601Text {
        ISO8601Text { write(timestamp, fixedOffsetSeconds: offset, into: $0) }
    }

    /// Writes `iso8601(timestamp, fixedOffsetSeconds:)` at the start of `buffer`; returns its length.
    @inline(__always)
    private static func write(
        _ timestamp: Timestamp, fixedOffsetSeconds offset: Int, into buffer: UnsafeMutableBufferPointer<UInt8>
    ) -> Int {
        let localMilliseconds = timestamp.millisecondsSinceEpoch + Int64(offset) * 1000
        let wall = WallClock(
            localSeconds: CivilDate.floorDivide(localMilliseconds, 1000),
            millisecond: Int(CivilDate.floorModulo(localMilliseconds, 1000)))
        var writer = ASCIIWriter(buffer: buffer)
        writer.writeWallClock(wall)
        writer.write(offset < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
        let magnitude = abs(offset)
        writer.writeAtLeastTwoDigits(magnitude / 3600)
        writer.write(UInt8(ascii: ":"))
        writer.write(magnitude / 60 % 60, digits: 2)
        return writer.count
    }

    /// The zone's wall-clock reading at `timestamp`, for writers that store dates as parts
    /// (XLSX serial dates carry no zone).
    public func localComponents(
        _ timestamp: Timestamp
    ) -> (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, millisecond: Int) {
        let utcSeconds = timestamp.secondsSinceEpoch
        let offset = table.offset(atUTCSeconds: utcSeconds)
        let wall = WallClock(localSeconds: utcSeconds + Int64(offset), millisecond: timestamp.millisecond)
        return (wall.date.year, wall.date.month, wall.date.day, wall.hour, wall.minute, wall.second, wall.millisecond)
    }
}

extension TimestampFormatter {
    /// A wall-clock reading split into parts.
    private struct WallClock {
        var date: CivilDate
        var hour: Int
        var minute: Int
        var second: Int
        var millisecond: Int

        init(localSeconds: Int64, millisecond: Int) {
            date = CivilDate(daysSinceEpoch: CivilDate.floorDivide(localSeconds, 86_400))
            let secondOfDay = Int(CivilDate.floorModulo(localSeconds, 86_400))
            hour = secondOfDay / 3600
            minute = secondOfDay / 60 % 60
            second = secondOfDay % 60
            self.millisecond = millisecond
        }
    }

    /// Appends ASCII to a buffer that is known to be large enough.
    private struct ASCIIWriter {
        let buffer: UnsafeMutableBufferPointer<UInt8>
        var count = 0

        @inline(__always)
        mutating func write(_ byte: UInt8) {
            buffer[count] = byte
            count += 1
        }

        /// Writes a non-negative `value` zero-padded to `digits` digits.
        @inline(__always)
        mutating func write(_ value: Int, digits: Int) {
            var remaining = value
            for position in stride(from: count + digits - 1, through: count, by: -1) {
                buffer[position] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: remaining % 10)
                remaining /= 10
            }
            count += digits
        }

        /// `YYYY-MM-DDTHH:MM:SS`, then `.mmm` when the milliseconds are not zero.
        mutating func writeWallClock(_ wall: WallClock) {
            writeYear(wall.date.year)
            write(UInt8(ascii: "-"))
            write(wall.date.month, digits: 2)
            write(UInt8(ascii: "-"))
            write(wall.date.day, digits: 2)
            write(UInt8(ascii: "T"))
            write(wall.hour, digits: 2)
            write(UInt8(ascii: ":"))
            write(wall.minute, digits: 2)
            write(UInt8(ascii: ":"))
            write(wall.second, digits: 2)
            if wall.millisecond != 0 {
                write(UInt8(ascii: "."))
                write(wall.millisecond, digits: 3)
            }
        }

        /// A non-negative `value` with at least two digits, as `String(value)` padded to two would be.
        mutating func writeAtLeastTwoDigits(_ value: Int) {
            var digits = 2
            var rest = value / 100
            while rest > 0 {
                digits += 1
                rest /= 10
            }
            write(value, digits: digits)
        }

        /// Four digits for 0000–9999; outside it, ISO 8601's expanded form with a sign (`+10000`, `-0001`).
        mutating func writeYear(_ year: Int) {
            if (0...9999).contains(year) {
                write(year, digits: 4)
                return
            }
            write(year < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+"))
            let magnitude = year.magnitude
            var digits = 4
            while magnitude >= pow10(digits) { digits += 1 }
            write(Int(magnitude), digits: digits)
        }

        private func pow10(_ exponent: Int) -> UInt {
            (0..<exponent).reduce(1) { result, _ in result * 10 }
        }
    }
}
