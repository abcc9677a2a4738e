/// A date-time's ISO 8601 text (`2024-01-01T03:00:00.250+03:00`) stored inline, without a heap
/// allocation: such text is 20–32 bytes, past a Swift small string's 15, so as a `String` every
/// date cell cost a malloc and a free. Writers copy the bytes straight into their buffers.
public struct ISO8601Text: Sendable, Equatable {
    /// The most text it holds. The longest ISO 8601 a `Timestamp` can give is 38 bytes: a signed
    /// 9-digit year, `-MM-DDTHH:MM:SS.mmm` and an offset with seconds (`+02:30:17`).
    static let capacity = 39

    /// 39 bytes of ASCII then, in the last byte, their count. Unused bytes stay zero, so that
    /// comparing the words compares the text.
    private var storage: (UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0)

    /// Text written by `write`, which fills the buffer from its start and returns the count.
    /// The buffer holds `capacity` bytes; `TimestampFormatter` never writes more.
    init(writing write: (UnsafeMutableBufferPointer<UInt8>) -> Int) {
        withUnsafeMutableBytes(of: &storage) { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            let count = write(UnsafeMutableBufferPointer(rebasing: bytes[0..<Self.capacity]))
            precondition(count <= Self.capacity, "ISO 8601 text longer than \(Self.capacity) bytes")
            bytes[Self.capacity] = UInt8(truncatingIfNeeded: count)
        }
    }

    /// Text copied from `text`, which holds at most `capacity` bytes.
    init(copying text: UnsafeBufferPointer<UInt8>) {
        self.init { buffer in
            precondition(text.count <= Self.capacity, "ISO 8601 text longer than \(Self.capacity) bytes")
            _ = buffer.initialize(from: text)
            return text.count
        }
    }

    /// The text's UTF-8 (ASCII) bytes, valid only inside `body`.
    @inline(__always)
    public func withUTF8<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        try withUnsafeBytes(of: storage) { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            return try body(UnsafeBufferPointer(rebasing: bytes[0..<Int(bytes[Self.capacity])]))
        }
    }

    /// The text as a `String`, for the writers that are not on the hot path (XLSX, XML, preview).
    public var string: String {
        withUTF8 { String(decoding: $0, as: UTF8.self) }
    }

    public static func == (lhs: ISO8601Text, rhs: ISO8601Text) -> Bool {
        lhs.storage.0 == rhs.storage.0 && lhs.storage.1 == rhs.storage.1 && lhs.storage.2 == rhs.storage.2
            && lhs.storage.3 == rhs.storage.3 && lhs.storage.4 == rhs.storage.4
    }
}

extension ISO8601Text: ExpressibleByStringLiteral {
    /// Text given as is (tests, fixed values); it must be at most `capacity` bytes.
    public init(stringLiteral value: String) {
        var value = value
        self = value.withUTF8 { ISO8601Text(copying: $0) }
    }
}

extension ISO8601Text: CustomStringConvertible {
    public var description: String { string }
}
