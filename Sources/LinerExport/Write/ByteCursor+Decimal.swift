import LinerJSON

/// Integers written as text by the CSV and NDJSON writers.
extension ByteCursor {
    /// The most bytes `putDecimal` writes: a sign and the 19 digits of `Int64.min`.
    static let decimalRoom = 20

    /// `String(value)`'s bytes (at most `decimalRoom`), without making the `String`.
    mutating func putDecimal(_ value: Int64) {
        var magnitude = value.magnitude
        var digitCount = 1
        var rest = magnitude / 10
        while rest > 0 {
            digitCount += 1
            rest /= 10
        }
        if value < 0 { put(UInt8(ascii: "-")) }
        put(count: digitCount) { digits in
            var index = digitCount
            repeat {
                index -= 1
                digits[index] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
        }
    }
}
