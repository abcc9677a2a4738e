/// A write position in memory the caller has made room in; `remaining` says how much is left.
/// Writes are unchecked: the caller makes room for the most a value can take, then writes it.
///
/// Its methods are inlinable: writers in other modules call them for every byte or field they write.
public struct ByteCursor {
    /// The start of the memory written into.
    public let base: UnsafeMutablePointer<UInt8>
    /// Where the next byte goes, as an offset from `base`; read through `position` (inlinable code
    /// cannot set a property through a private setter).
    @usableFromInline var offset: Int
    /// The offset just past the room made.
    public let limit: Int

    /// A cursor at `position` in the memory at `base`, with room up to `limit`.
    @inlinable
    public init(base: UnsafeMutablePointer<UInt8>, position: Int, limit: Int) {
        self.base = base
        offset = position
        self.limit = limit
    }

    /// Where the next byte goes, as an offset from `base`.
    @inlinable
    public var position: Int { offset }

    /// How many bytes are left before `limit`.
    @inlinable
    public var remaining: Int { limit - offset }

    /// Writes one byte.
    @inlinable @inline(__always)
    public mutating func put(_ byte: UInt8) {
        base[offset] = byte
        offset += 1
    }

    /// Writes `bytes` as they are.
    @inlinable @inline(__always)
    public mutating func put(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress else { return }
        (base + offset).update(from: source, count: bytes.count)
        offset += bytes.count
    }

    /// Writes a literal's UTF-8 bytes.
    @inlinable @inline(__always)
    public mutating func put(_ literal: StaticString) {
        put(UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    /// Lets `body` fill the next `count` bytes in any order (a number's digits go right to left), then
    /// moves past them.
    @inlinable @inline(__always)
    public mutating func put(count: Int, _ body: (UnsafeMutableBufferPointer<UInt8>) -> Void) {
        body(UnsafeMutableBufferPointer(start: base + offset, count: count))
        offset += count
    }
}
