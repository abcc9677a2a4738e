/// A `String`'s two words as they are stored: equal words are an equal string (a short string's words
/// hold its bytes; a longer one's hold its count and its storage's address, and shared storage is
/// never changed in place). Unequal words say nothing: the same text can be stored twice.
public struct StringWords: Equatable, Sendable {
    @usableFromInline let low: UInt64
    @usableFromInline let high: UInt64

    /// The words of `string`, read without retaining its storage.
    @inlinable @inline(__always)
    public init(_ string: String) {
        (low, high) = unsafeBitCast(string, to: (UInt64, UInt64).self)
    }

    /// A hash of the words, folded into `0..<size` (a power of two).
    @inlinable @inline(__always)
    public func tableIndex(_ size: Int) -> Int {
        Int(truncatingIfNeeded: ((low ^ (high &* 0x9E37_79B9_7F4A_7C15)) &* 0x9E37_79B9_7F4A_7C15) >> 56) & (size - 1)
    }
}
