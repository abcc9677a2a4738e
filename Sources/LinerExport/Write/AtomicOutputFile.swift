import Foundation

/// A file that is written under a temporary name beside its final path and renamed into place only
/// by `publish()`: a reader never sees half a file, and a failed run leaves the last good file alone.
public final class AtomicOutputFile {
    public let finalPath: String
    let temporaryPath: String
    private var descriptor: Int32
    private var buffer: [UInt8] = []
    private static let flushThreshold = 256 * 1024

    /// Compresses what is appended, for `.gz` outputs; nil writes the bytes as they are.
    private let compressor: GzipCompressor?
    /// The SHA-256 of the bytes written so far, for the manifest: hashing as the bytes go out spares
    /// reading the file back at the end of the run, when one core would do it alone.
    private var digest = SHA256()
    /// False once a library wrote the file by itself: its bytes never passed through here.
    private var digestCoversFile = true

    /// Creates the folder if needed and opens a new temporary file.
    /// - Parameter gzip: compress everything appended into one gzip stream.
    /// - Throws: `ExportError.output`.
    public init(finalPath: String, gzip: Bool = false) throws {
        self.finalPath = finalPath
        compressor = gzip ? try GzipCompressor() : nil
        let url = URL(fileURLWithPath: finalPath)
        let folder = url.deletingLastPathComponent().path
        temporaryPath = folder + "/." + url.lastPathComponent + ".\(getpid()).partial"
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw ExportError.output("cannot create the folder \(folder): \(error.localizedDescription)", underlying: error)
        }
        Self.removeAbandonedTemporaries(of: url.lastPathComponent, in: folder)
        descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw ExportError.output("cannot create \(temporaryPath): \(String(cString: strerror(errno)))")
        }
        buffer.reserveCapacity(Self.flushThreshold * 2)
    }

    /// Removes `.<name>.<pid>.partial` files left by runs that were killed (their process is gone), so
    /// crashes do not pile up half-written files beside the exports. A live run's file is left alone.
    private static func removeAbandonedTemporaries(of name: String, in folder: String) {
        let prefix = "." + name + "."
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for entry in entries where entry.hasPrefix(prefix) && entry.hasSuffix(".partial") {
            let pidText = entry.dropFirst(prefix.count).dropLast(".partial".count)
            guard let pid = Int32(pidText), pid != getpid(), kill(pid, 0) != 0, errno == ESRCH else { continue }
            unlink(folder + "/" + entry)
        }
    }

    deinit {
        if descriptor >= 0 {
            Foundation.close(descriptor)
            unlink(temporaryPath)
        }
    }

    /// Appends bytes, writing to disk in large chunks.
    func append(_ bytes: some Sequence<UInt8>) throws {
        buffer.append(contentsOf: bytes)
        if buffer.count >= Self.flushThreshold { try flush() }
    }

    /// Lets a writer build its output in place, without an intermediate copy.
    func withBuffer(_ body: (inout [UInt8]) throws -> Void) throws {
        try body(&buffer)
        if buffer.count >= Self.flushThreshold { try flush() }
    }

    /// Bytes written to the file so far (compressed ones for gzip); exact once the file is closed.
    private(set) var bytesWritten = 0

    func flush() throws {
        if let compressor {
            try compressor.compress(buffer, finish: false) { try writeToDisk($0) }
        } else {
            try writeToDisk(buffer)
        }
        buffer.removeAll(keepingCapacity: true)
    }

    private func writeToDisk(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { raw in
                Foundation.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                throw ExportError.output("cannot write \(temporaryPath): \(String(cString: strerror(errno)))")
            }
            offset += written
        }
        bytesWritten += bytes.count
        bytes.withUnsafeBytes { digest.update($0) }
        startWritebackIfDue()
    }

    /// Where the bytes not yet handed to the disk start.
    private var writebackStart = 0
    /// How many written bytes make the disk start on them: a few large requests per second.
    private static let writebackChunk = 8 * 1024 * 1024

    /// Asks the kernel to start writing the latest bytes to disk now, without waiting. A large file
    /// stays below the kernel's dirty-page thresholds, so otherwise all of it is written in the final
    /// `fsync` (about a second for 1.3 GB) while the run waits; this way that writing overlaps the run.
    /// `POSIX_FADV_DONTNEED` starts writeback of dirty pages (Linux; Swift's Glibc module does not
    /// offer `sync_file_range`) and only drops pages already clean, which this run never reads again.
    private func startWritebackIfDue() {
        guard bytesWritten - writebackStart >= Self.writebackChunk else { return }
        _ = posix_fadvise(descriptor, off_t(writebackStart), off_t(bytesWritten - writebackStart), POSIX_FADV_DONTNEED)
        writebackStart = bytesWritten
    }

    /// The file's SHA-256 in hex once it is closed; nil when a library wrote it (hash the file instead).
    var sha256: String? {
        guard descriptor < 0, digestCoversFile else { return nil }
        var final = digest
        return final.finalizeHex()
    }

    /// Counts the bytes a library (libxlsxwriter) wrote to `temporaryPath` by itself: it truncates and
    /// rewrites the same file, so `close()` still syncs it and `publish()` still renames it.
    func adoptBytesWrittenByLibrary() throws {
        try flush()
        digestCoversFile = false
        var status = stat()
        guard stat(temporaryPath, &status) == 0 else {
            throw ExportError.output("cannot read the size of \(temporaryPath): \(String(cString: strerror(errno)))")
        }
        bytesWritten = Int(status.st_size)
    }

    /// Flushes, syncs and closes the temporary file; it stays unpublished.
    func close() throws {
        guard descriptor >= 0 else { return }
        defer {
            Foundation.close(descriptor)
            descriptor = -1
        }
        try flush()
        try compressor?.compress([], finish: true) { try writeToDisk($0) }
        guard fsync(descriptor) == 0 else {
            throw ExportError.output("cannot sync \(temporaryPath): \(String(cString: strerror(errno)))")
        }
    }

    /// Renames the closed temporary file over the final path.
    public func publish() throws {
        try close()
        guard rename(temporaryPath, finalPath) == 0 else {
            throw ExportError.output("cannot publish \(finalPath): \(String(cString: strerror(errno)))")
        }
        syncFolder()
    }

    /// Removes the temporary file; the final path is not touched.
    public func discard() {
        if descriptor >= 0 {
            Foundation.close(descriptor)
            descriptor = -1
        }
        unlink(temporaryPath)
    }

    /// Makes the rename itself durable.
    private func syncFolder() {
        let folder = open(URL(fileURLWithPath: finalPath).deletingLastPathComponent().path, O_RDONLY | O_CLOEXEC)
        guard folder >= 0 else { return }
        fsync(folder)
        Foundation.close(folder)
    }
}
