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

    /// The fresh private folder the temporary file sits in alone, when a library reopens it by path.
    private let privateFolder: String?

    /// Creates the folder if needed and opens a new temporary file under a name no one can guess.
    ///
    /// The temporary file is created with `O_EXCL | O_NOFOLLOW` under a random name, so another user who
    /// can write the folder cannot plant a symlink there for a root run to write through. `publish()`
    /// renames it, which replaces whatever sits at the final path (a symlink included) without following it.
    /// - Parameters:
    ///   - gzip: compress everything appended into one gzip stream.
    ///   - isPrivate: make the file 0600 whatever the umask (state and spool files); else it keeps the umask.
    ///   - isReopenedByLibrary: a library (libxlsxwriter) reopens the temporary file by its path, which
    ///     `O_NOFOLLOW` cannot protect: the file then sits alone in a fresh 0700 folder beside the final path.
    /// - Throws: `ExportError.output`.
    public init(finalPath: String, gzip: Bool = false, isPrivate: Bool = false, isReopenedByLibrary: Bool = false) throws {
        self.finalPath = finalPath
        compressor = gzip ? try GzipCompressor() : nil
        let url = URL(fileURLWithPath: finalPath)
        let folder = url.deletingLastPathComponent().path
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw ExportError.output("cannot create the folder \(folder): \(error.localizedDescription)", underlying: error)
        }
        Self.removeAbandonedTemporaries(of: url.lastPathComponent, in: folder)
        let mode: mode_t = isPrivate ? 0o600 : 0o644
        if isReopenedByLibrary {
            let ownFolder = try Self.createUniquely(in: folder, name: url.lastPathComponent) { mkdir($0, 0o700) == 0 ? 0 : -1 }.path
            let path = ownFolder + "/" + url.lastPathComponent
            let created = open(path, Self.creationFlags, mode)
            guard created >= 0 else {
                let reason = String(cString: strerror(errno))
                rmdir(ownFolder)
                throw ExportError.output("cannot create \(path): \(reason)")
            }
            (privateFolder, temporaryPath, descriptor) = (ownFolder, path, created)
        } else {
            let (path, created) = try Self.createUniquely(in: folder, name: url.lastPathComponent) {
                open($0, Self.creationFlags, mode)
            }
            (privateFolder, temporaryPath, descriptor) = (nil, path, created)
        }
        // The umask only takes bits away: 0600 stays 0600 unless it took more, which this puts back.
        if isPrivate { fchmod(descriptor, 0o600) }
        buffer.reserveCapacity(Self.flushThreshold * 2)
    }

    /// A new file only: never one that exists, never through a symlink.
    private static let creationFlags = O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC

    /// Creates `.<name>.<pid>.<random>.partial` in `folder` with `create` (a file or a folder), drawing
    /// another random part when the name is taken: what `mkstemp`/`mkdtemp` do, with the pid kept in the
    /// name so `removeAbandonedTemporaries` can tell a killed run's leftovers from a live run's.
    /// - Parameter create: returns a descriptor, or -1 with `errno` set (`EEXIST` draws again).
    private static func createUniquely(
        in folder: String, name: String, _ create: (String) -> Int32
    ) throws -> (path: String, descriptor: Int32) {
        for _ in 0..<100 {
            let random = String(UInt64.random(in: 0...UInt64.max), radix: 36)
            let path = folder + "/." + name + ".\(getpid()).\(random).partial"
            let descriptor = create(path)
            if descriptor >= 0 { return (path, descriptor) }
            guard errno == EEXIST else {
                throw ExportError.output("cannot create \(path): \(String(cString: strerror(errno)))")
            }
        }
        throw ExportError.output("cannot create a temporary file for \(name) in \(folder): every name drawn was taken")
    }

    /// Removes `.<name>.<pid>[.<random>].partial` files (and private folders) left by runs that were
    /// killed (their process is gone), so crashes do not pile up half-written files beside the exports.
    /// A live run's file is left alone; a folder is only removed when this user owns it.
    private static func removeAbandonedTemporaries(of name: String, in folder: String) {
        let prefix = "." + name + "."
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for entry in entries where entry.hasPrefix(prefix) && entry.hasSuffix(".partial") {
            let pidText = entry.dropFirst(prefix.count).dropLast(".partial".count).prefix { $0 != "." }
            guard let pid = Int32(pidText), pid != getpid(), kill(pid, 0) != 0, errno == ESRCH else { continue }
            let path = folder + "/" + entry
            var status = stat()
            guard lstat(path, &status) == 0 else { continue }
            if status.st_mode & S_IFMT == S_IFDIR {
                guard status.st_uid == geteuid() else { continue }
                for inner in (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? [] { unlink(path + "/" + inner) }
                rmdir(path)
            } else {
                unlink(path)
            }
        }
    }

    deinit {
        if descriptor >= 0 {
            Foundation.close(descriptor)
            removeTemporary()
        }
    }

    /// Removes the temporary file and its private folder, if it has one.
    private func removeTemporary() {
        unlink(temporaryPath)
        if let privateFolder { rmdir(privateFolder) }
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
        if let privateFolder { rmdir(privateFolder) }
        syncFolder()
    }

    /// Writes `bytes` as the whole file at `path`, published at once, or nothing when it fails.
    static func write(_ bytes: some Sequence<UInt8>, to path: String, isPrivate: Bool = false) throws {
        let file = try AtomicOutputFile(finalPath: path, isPrivate: isPrivate)
        do {
            try file.append(bytes)
            try file.publish()
        } catch {
            file.discard()
            throw error
        }
    }

    /// Removes the temporary file; the final path is not touched.
    public func discard() {
        if descriptor >= 0 {
            Foundation.close(descriptor)
            descriptor = -1
        }
        removeTemporary()
    }

    /// Makes the rename itself durable.
    private func syncFolder() {
        let folder = open(URL(fileURLWithPath: finalPath).deletingLastPathComponent().path, O_RDONLY | O_CLOEXEC)
        guard folder >= 0 else { return }
        fsync(folder)
        Foundation.close(folder)
    }
}
