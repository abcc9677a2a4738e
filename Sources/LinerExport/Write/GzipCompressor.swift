import CZlib

/// Compresses a byte stream into one gzip member (RFC 1952) with zlib, piece by piece, so a file of
/// any size is compressed in constant memory. `gzip -d`, Python's `gzip` and pandas read the result.
final class GzipCompressor {
    // zlib checks that a stream has not moved since `deflateInit`, so it lives at a fixed address.
    private let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
    private var isFinished = false
    private var output = [UInt8](repeating: 0, count: 256 * 1024)

    /// - Throws: `ExportError.output` when zlib cannot start (out of memory).
    init(level: Int32 = 6) throws {
        stream.initialize(to: z_stream())
        guard liner_gzip_deflate_init(stream, level) == Z_OK else {
            stream.deallocate()
            throw ExportError.output("cannot start gzip compression")
        }
    }

    deinit {
        deflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// Compresses `input` and hands the compressed bytes produced so far to `sink`; with `finish`,
    /// also the rest and the gzip trailer (the stream ends: later calls are errors).
    func compress(_ input: [UInt8], finish: Bool, sink: ([UInt8]) throws -> Void) throws {
        guard !isFinished else { throw ExportError.output("gzip stream already finished") }
        try input.withUnsafeBufferPointer { inputBytes in
            stream.pointee.next_in = UnsafeMutablePointer(mutating: inputBytes.baseAddress)
            stream.pointee.avail_in = UInt32(inputBytes.count)
            while true {
                let produced: Int
                let status: Int32 = output.withUnsafeMutableBufferPointer { out in
                    stream.pointee.next_out = out.baseAddress
                    stream.pointee.avail_out = UInt32(out.count)
                    let status = deflate(stream, finish ? Z_FINISH : Z_NO_FLUSH)
                    return status
                }
                produced = output.count - Int(stream.pointee.avail_out)
                guard status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR else {
                    throw ExportError.output("gzip compression failed (zlib status \(status))")
                }
                if produced > 0 { try sink(Array(output[..<produced])) }
                if finish ? status == Z_STREAM_END : (stream.pointee.avail_in == 0 && produced < output.count) { break }
            }
            stream.pointee.next_in = nil
        }
        if finish { isFinished = true }
    }
}
