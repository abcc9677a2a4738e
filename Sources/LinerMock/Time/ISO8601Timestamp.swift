/// An instant parsed from an ISO 8601 / RFC 3339 date-time that carries a zone.
///
/// Used for the `createdAt[0]`/`createdAt[1]` query bounds. A zone is required: without one
/// the bound would be ambiguous, and a real server would guess; the mock says 400 instead so
/// a client that forgets the zone (or sends a raw `+` that decodes to a space) finds out.
struct ISO8601Timestamp: Equatable {
    /// Whole seconds since 1970-01-01T00:00:00Z (floor).
    var seconds: Int64
    /// True when the text had a non-zero fractional second beyond `seconds`.
    var hasFraction: Bool

    /// The smallest whole second that is not before this instant.
    var ceilingSeconds: Int64 { hasFraction ? seconds + 1 : seconds }

    /// Parses `YYYY-MM-DD('T'|'t'|' ')HH:MM[:SS[.fraction]](Z|z|±HH:MM|±HHMM|±HH)`.
    init?(parsing text: Substring) {
        var scanner = DigitScanner(Array(text.utf8))
        guard let year = scanner.number(digits: 4), scanner.skip(UInt8(ascii: "-")),
            let month = scanner.number(digits: 2), scanner.skip(UInt8(ascii: "-")),
            let day = scanner.number(digits: 2)
        else { return nil }
        guard scanner.skip(UInt8(ascii: "T")) || scanner.skip(UInt8(ascii: "t"))
            || scanner.skip(UInt8(ascii: " "))
        else { return nil }
        guard let hour = scanner.number(digits: 2), scanner.skip(UInt8(ascii: ":")),
            let minute = scanner.number(digits: 2)
        else { return nil }
        var second = 0
        var hasFraction = false
        if scanner.skip(UInt8(ascii: ":")) {
            guard let parsed = scanner.number(digits: 2) else { return nil }
            second = parsed
            if scanner.skip(UInt8(ascii: ".")) || scanner.skip(UInt8(ascii: ",")) {
                guard let fraction = scanner.digitRun(), !fraction.isEmpty else { return nil }
                hasFraction = fraction.contains { $0 != UInt8(ascii: "0") }
            }
        }
        guard (1...12).contains(month),
            (1...CivilTime.daysInMonth(year: year, month: month)).contains(day),
            (0...23).contains(hour), (0...59).contains(minute), (0...59).contains(second)
        else { return nil }
        guard let offsetSeconds = scanner.zoneOffsetSeconds(), scanner.isAtEnd else { return nil }
        let wall = CivilTime(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        self.seconds = wall.unixSecondsAsUTC - offsetSeconds
        self.hasFraction = hasFraction
    }
}

/// A cursor over ASCII bytes for the fixed-width fields of a timestamp.
private struct DigitScanner {
    private let bytes: [UInt8]
    private var position = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var isAtEnd: Bool { position == bytes.count }

    mutating func skip(_ byte: UInt8) -> Bool {
        guard position < bytes.count, bytes[position] == byte else { return false }
        position += 1
        return true
    }

    mutating func number(digits count: Int) -> Int? {
        guard position + count <= bytes.count else { return nil }
        var value = 0
        for byte in bytes[position..<position + count] {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        position += count
        return value
    }

    mutating func digitRun() -> ArraySlice<UInt8>? {
        let start = position
        while position < bytes.count, bytes[position] >= UInt8(ascii: "0"), bytes[position] <= UInt8(ascii: "9") {
            position += 1
        }
        return bytes[start..<position]
    }

    /// `Z`, `±HH:MM`, `±HHMM` or `±HH`; nil when there is no zone.
    mutating func zoneOffsetSeconds() -> Int64? {
        if skip(UInt8(ascii: "Z")) || skip(UInt8(ascii: "z")) { return 0 }
        let sign: Int64
        if skip(UInt8(ascii: "+")) {
            sign = 1
        } else if skip(UInt8(ascii: "-")) {
            sign = -1
        } else {
            return nil
        }
        guard let hours = number(digits: 2), hours <= 18 else { return nil }
        var minutes = 0
        if skip(UInt8(ascii: ":")) {
            guard let parsed = number(digits: 2) else { return nil }
            minutes = parsed
        } else if !isAtEnd {
            guard let parsed = number(digits: 2) else { return nil }
            minutes = parsed
        }
        guard minutes <= 59 else { return nil }
        return sign * Int64(hours * 3600 + minutes * 60)
    }
}
