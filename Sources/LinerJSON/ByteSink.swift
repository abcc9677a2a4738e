/// A growable byte buffer: JSON text is built in one before it goes to its destination in one copy,
/// and the NDJSON writer reuses one for every row (no `Array` uniqueness or capacity checks per byte).
///
/// Its methods are inlinable: writers in other modules call them for every value they write.
public struct ByteSink: ~Copyable {
    @usableFromInline var base: UnsafeMutablePointer<UInt8>
    @usableFromInline var capacity: Int
    /// The storage behind `count`: inlinable code cannot set a property through a private setter.
    @usableFromInline var written = 0

    /// How many bytes have been written.
    @inlinable
    public var count: Int { written }

    /// An empty sink with room for `capacity` bytes (16 at least) before it grows.
    public init(capacity: Int) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    deinit {
        base.deallocate()
    }

    /// The last byte written, nil when there is none.
    @inlinable
    public var last: UInt8? { count > 0 ? base[count - 1] : nil }

    /// Forgets what was written, keeping the memory.
    @inlinable
    public mutating func removeAll() {
        written = 0
    }

    /// Appends the bytes written so far to `output`, in one copy.
    @inlinable
    public func appendContents(to output: inout [UInt8]) {
        output.append(contentsOf: UnsafeBufferPointer(start: base, count: count))
    }

    /// Makes room for at most `room` more bytes and lets `body` write them through a cursor: one
    /// capacity check for a whole value instead of one per byte.
    @inlinable @inline(__always)
    public mutating func write(room: Int, _ body: (inout ByteCursor) -> Void) {
        reserve(room)
        var cursor = ByteCursor(base: base, position: count, limit: capacity)
        body(&cursor)
        assert(cursor.position - count <= room, "wrote past the room made")
        written = cursor.position
    }

    @inlinable @inline(__always)
    mutating func reserve(_ extra: Int) {
        if count + extra > capacity {
            grow(toAtLeast: count + extra)
        }
    }

    @usableFromInline
    mutating func grow(toAtLeast minimum: Int) {
        let newCapacity = max(minimum, capacity * 2)
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.initialize(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    /// Writes one byte.
    @inlinable @inline(__always)
    public mutating func writeByte(_ byte: UInt8) {
        reserve(1)
        base[written] = byte
        written += 1
    }

    /// Writes `bytes` as they are.
    @inlinable @inline(__always)
    public mutating func writeBytes(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        reserve(bytes.count)
        (base + count).initialize(from: source, count: bytes.count)
        written += bytes.count
    }

    /// Writes a literal's UTF-8 bytes, e.g. `"null"`.
    @inlinable
    public mutating func writeLiteral(_ literal: StaticString) {
        write(room: literal.utf8CodeUnitCount) { $0.put(literal) }
    }

    /// Writes text that needs no escaping, such as a number literal.
    @inlinable
    public mutating func writeRaw(_ text: String) {
        text.withUTF8Bytes { writeBytes($0) }
    }
}
