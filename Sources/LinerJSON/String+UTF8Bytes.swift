extension String {
    /// Calls `body` with the string's UTF-8 bytes: in place when they are contiguous (native
    /// strings), else from a contiguous copy.
    @inlinable @inline(__always)
    public func withUTF8Bytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
        if let result = utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = self
        return copy.withUTF8(body)
    }
}
