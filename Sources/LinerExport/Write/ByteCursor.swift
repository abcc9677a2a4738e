/// A write position in memory the caller has made room in; `remaining` says how much is left.
/// Writes are unchecked: the caller makes room for the most a value can take, then writes it.
struct ByteCursor {
    let base: UnsafeMutablePointer<UInt8>
    private(set) var position: Int
    let limit: Int

    init(base: UnsafeMutablePointer<UInt8>, position: Int, limit: Int) {
        self.base = base
        self.position = position
        self.limit = limit
    }

    var remaining: Int { limit - position }

    @inline(__always)
    mutating func put(_ byte: UInt8) {
        base[position] = byte
        position += 1
    }

    @inline(__always)
    mutating func put(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress else { return }
        (base + position).update(from: source, count: bytes.count)
        position += bytes.count
    }

    @inline(__always)
    mutating func put(_ literal: StaticString) {
        put(UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

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
        var index = position + digitCount
        repeat {
            index -= 1
            base[index] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: magnitude % 10)
            magnitude /= 10
        } while magnitude > 0
        position += digitCount
    }
}
