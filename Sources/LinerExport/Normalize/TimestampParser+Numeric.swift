extension TimestampParser {
    /// Unix time as text: an optional sign, digits, optionally `.` and more digits. Seconds or
    /// milliseconds by `millisecondsThreshold`; digits below a millisecond are truncated.
    func parseUnixNumber(_ scanner: inout ByteScanner) -> Timestamp? {
        let isNegative = scanner.skip(UInt8(ascii: "-"))
        if !isNegative { _ = scanner.skip(UInt8(ascii: "+")) }
        // 18 digits cannot overflow an Int64, and every instant in range needs at most 15.
        guard let (integer, _) = scanner.digits(upTo: 18) else { return nil }
        var fractionMilliseconds = 0
        if scanner.skip(UInt8(ascii: ".")) {
            guard let fraction = scanner.fractionMilliseconds() else { return nil }
            fractionMilliseconds = fraction
        }
        guard scanner.isAtEnd else { return nil }
        let magnitude =
            Int64(integer) >= Self.millisecondsThreshold
            ? Int64(integer)
            : Int64(integer) * 1000 + Int64(fractionMilliseconds)
        return Self.checked(isNegative ? -magnitude : magnitude)
    }
}
