import Foundation

/// An advisory `flock` on a lock file, held while a run lasts: the kernel releases it when the process
/// dies, even by `kill -9`, so a crash never leaves a stale lock behind.
///
/// The lock file is private (0600 whatever the umask) and opened with `O_NOFOLLOW`: another user who
/// can write its folder cannot plant a symlink that makes a root run create or open a file elsewhere.
final class RunLock {
    let path: String
    private var descriptor: Int32

    /// Whether `unlock()` removes the file (the outputs' lock, which would otherwise sit among the exports).
    private let removesFile: Bool

    /// Takes the lock, creating its file (not its folder) when needed.
    /// - Parameters:
    ///   - pipeline: named in the message when another run holds the lock.
    ///   - removesFile: remove the file when the lock is released. Safe because a taker checks, once
    ///     it holds the lock, that the file it locked is still the one at `path` (else it takes again).
    ///   - cannotOpen: the error when the file cannot be opened (a symlink, a folder) or is not a
    ///     regular file: `ExportError.state` for the state's lock, `.output` for the outputs'.
    /// - Throws: `ExportError.locked` when another process holds the lock; else what `cannotOpen` makes.
    init(path: String, pipeline: String, removesFile: Bool = false, cannotOpen: (String) -> ExportError) throws {
        self.path = path
        self.removesFile = removesFile
        descriptor = -1
        for _ in 0..<100 {
            let descriptor = try Self.open(path, cannotOpen: cannotOpen)
            guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
                close(descriptor)
                throw ExportError.locked("another run of pipeline \(pipeline) is still running (it holds \(path)); nothing was fetched")
            }
            if Self.isStill(descriptor, at: path) {
                self.descriptor = descriptor
                return
            }
            close(descriptor)   // the run that held it removed the file meanwhile: lock the new one
        }
        throw cannotOpen("cannot take the lock \(path): its file keeps being replaced")
    }

    /// Opens (or creates) the lock file, never through a symlink, and makes it 0600.
    private static func open(_ path: String, cannotOpen: (String) -> ExportError) throws -> Int32 {
        let descriptor = Foundation.open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw cannotOpen("cannot open the lock \(path): \(String(cString: strerror(errno)))")
        }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
            close(descriptor)
            throw cannotOpen("cannot use the lock \(path): it is not a regular file")
        }
        if status.st_uid == geteuid() { fchmod(descriptor, 0o600) }
        return descriptor
    }

    /// Whether the file open at `descriptor` is the one `path` names now.
    private static func isStill(_ descriptor: Int32, at path: String) -> Bool {
        var opened = stat(), named = stat()
        return fstat(descriptor, &opened) == 0 && lstat(path, &named) == 0
            && opened.st_dev == named.st_dev && opened.st_ino == named.st_ino
    }

    deinit { unlock() }

    /// Releases the lock; calling it again does nothing.
    func unlock() {
        guard descriptor >= 0 else { return }
        // Removed while still held, so no other run can have locked this file in the meantime.
        if removesFile { unlink(path) }
        flock(descriptor, LOCK_UN)
        close(descriptor)
        descriptor = -1
    }
}
