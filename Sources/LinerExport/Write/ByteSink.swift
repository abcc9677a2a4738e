/// A growable byte buffer: JSON text is built in one before it goes to its destination in one copy,
/// and the NDJSON writer reuses one for every row (no `Array` uniqueness or capacity checks per byte).
struct ByteSink: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    deinit {
        base.deallocate()
    }

    /// The last byte written, nil when there is none.
    var last: UInt8? { count > 0 ? base[count - 1] : nil }

    /// Forgets what was written, keeping the memory.
    mutating func removeAll() {
        count = 0
    }

    func appendContents(to output: inout [UInt8]) {
        output.append(contentsOf: UnsafeBufferPointer(start: base, count: count))
    }

    /// Makes room for at most `room` more bytes and lets `body` write them through a cursor: one
    /// capacity check for a whole value instead of one per byte.
    @inline(__always)
    mutating func write(room: Int, _ body: (inout ByteCursor) -> Void) {
        reserve(room)
        var cursor = ByteCursor(base: base, position: count, limit: capacity)
        body(&cursor)
        assert(cursor.position - count <= room, "wrote past the room made")
        count = cursor.position
    }

    @inline(__always)
    private mutating func reserve(_ extra: Int) {
        if count + extra > capacity {
            grow(toAtLeast: count + extra)
        }
    }

    private mutating func grow(toAtLeast minimum: Int) {
        let newCapacity = max(minimum, capacity * 2)
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.initialize(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    @inline(__always)
    mutating func writeByte(_ byte: UInt8) {
        reserve(1)
        base[count] = byte
        count += 1
    }

    @inline(__always)
    mutating func writeBytes(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        reserve(bytes.count)
        (base + count).initialize(from: source, count: bytes.count)
        count += bytes.count
    }

    mutating func writeLiteral(_ literal: StaticString) {
        write(room: literal.utf8CodeUnitCount) { $0.put(literal) }
    }

    /// Writes text that needs no escaping, such as a number literal.
    mutating func writeRaw(_ text: String) {
        text.withUTF8Bytes { writeBytes($0) }
    }
}
