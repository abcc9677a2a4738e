/// Byte-level helpers of `JSONWriter`: copying the short runs a lead is made of, and decimal digits
/// two at a time. A page writes thousands of 2–20 byte pieces, where a call to `memmove` costs
/// more than the copy, and a division per digit shows in a profile.
enum ByteCopy {
    /// Copies `count` bytes from `source` to `destination` (not overlapping). Up to 16 bytes use
    /// two overlapping loads and stores of the widest fitting size; longer runs call `memmove`.
    @inline(__always)
    static func copy(from source: UnsafeRawPointer, to destination: UnsafeMutableRawPointer, count: Int) {
        if count >= 8 {
            if count > 16 {
                destination.copyMemory(from: source, byteCount: count)
                return
            }
            let head = source.loadUnaligned(as: UInt64.self)
            let tail = source.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
            destination.storeBytes(of: head, as: UInt64.self)
            destination.storeBytes(of: tail, toByteOffset: count - 8, as: UInt64.self)
        } else if count >= 4 {
            let head = source.loadUnaligned(as: UInt32.self)
            let tail = source.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)
            destination.storeBytes(of: head, as: UInt32.self)
            destination.storeBytes(of: tail, toByteOffset: count - 4, as: UInt32.self)
        } else if count > 0 {
            // 1...3 bytes: first, middle and last (some are the same byte).
            let first = source.load(as: UInt8.self)
            let middle = source.load(fromByteOffset: count / 2, as: UInt8.self)
            let last = source.load(fromByteOffset: count - 1, as: UInt8.self)
            destination.storeBytes(of: first, as: UInt8.self)
            destination.storeBytes(of: middle, toByteOffset: count / 2, as: UInt8.self)
            destination.storeBytes(of: last, toByteOffset: count - 1, as: UInt8.self)
        }
    }

    /// "00" through "99", two ASCII digits each.
    private static let digitPairs: StaticString = """
        0001020304050607080910111213141516171819\
        2021222324252627282930313233343536373839\
        4041424344454647484950515253545556575859\
        6061626364656667686970717273747576777879\
        8081828384858687888990919293949596979899
        """

    /// Number of decimal digits of `value` (1 for 0).
    @inline(__always)
    static func decimalDigitCount(_ value: UInt64) -> Int {
        var count = 1
        var limit: UInt64 = 10
        while count < 20 && value >= limit {
            count += 1
            limit &*= 10
        }
        return count
    }

    /// Writes the last `width` decimal digits of `value` (zero-padded) ending just before
    /// `end`, two at a time.
    @inline(__always)
    static func writeDigits(_ value: UInt64, width: Int, endingAt end: UnsafeMutablePointer<UInt8>) {
        let pairs = digitPairs.utf8Start
        var remaining = value
        var position = end
        var left = width
        while left >= 2 {
            let pair = Int(remaining % 100)
            remaining /= 100
            position -= 2
            position[0] = pairs[2 * pair]
            position[1] = pairs[2 * pair + 1]
            left -= 2
        }
        if left == 1 {
            (position - 1).pointee = UInt8(ascii: "0") + UInt8(remaining % 10)
        }
    }
}
