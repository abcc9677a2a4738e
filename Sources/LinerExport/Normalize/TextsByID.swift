/// Texts by integer id (status and order titles), kept as bytes: a lookup hands out the bytes in
/// place, where returning a `String` retained and released it for every lead and column.
struct TextsByID: Sendable {
    private let ranges: [Int64: Range<Int>]
    private let bytes: [UInt8]

    init(_ texts: [Int: String]) {
        var ranges: [Int64: Range<Int>] = [:]
        var bytes: [UInt8] = []
        for (id, text) in texts {
            let start = bytes.count
            bytes += text.utf8
            ranges[Int64(id)] = start..<bytes.count
        }
        self.ranges = ranges
        self.bytes = bytes
    }

    /// Calls `body` with the UTF-8 bytes of `id`'s text (valid only inside it); nil when `id` has none.
    @inline(__always)
    func withText<Result>(id: Int64, _ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result? {
        guard let range = ranges[id] else { return nil }
        return bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[range])) }
    }
}
