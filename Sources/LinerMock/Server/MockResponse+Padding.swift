import NIOCore

extension MockResponse {
    /// Makes the body `bytes` longer with a `"padding":[0,0,…,0],` member right after `"data":{`, sent in
    /// pieces (`Delivery.padded`) so that the server itself never holds it. Bodies without `"data":{`,
    /// or paddings under 16 bytes, are left alone.
    mutating func pad(afterDataOpening bytes: Int) {
        let marker = Array(#""data":{"#.utf8)
        let body = Array(body.readableBytesView)
        guard bytes >= 16, let start = body.firstRange(of: marker) else { return }
        headers.replaceOrAdd(name: "Content-Length", value: String(body.count + bytes))
        delivery = .padded(at: start.upperBound, bytes: bytes)
    }

    /// The padding's bytes from `offset`, at most `length` of them: `"padding":[` then `0,` pairs, ending
    /// `0],` exactly at `total`.
    static func paddingPiece(offset: Int, length: Int, total: Int) -> ByteBuffer {
        let head = Array(#""padding":["#.utf8)
        let tail = Array("0],".utf8)
        let end = min(total, offset + length)
        let bytes = [UInt8](unsafeUninitializedCapacity: max(0, end - offset)) { buffer, count in
            for position in offset..<end {
                if position < head.count {
                    buffer[position - offset] = head[position]
                } else if position >= total - tail.count {
                    buffer[position - offset] = tail[position - (total - tail.count)]
                } else {
                    buffer[position - offset] = (position - head.count) % 2 == 0 ? UInt8(ascii: "0") : UInt8(ascii: ",")
                }
            }
            count = max(0, end - offset)
        }
        return ByteBuffer(bytes: bytes)
    }
}
