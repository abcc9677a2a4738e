import Foundation

/// An advisory `flock` on a lock file, held while a run lasts: the kernel releases it when the process
/// dies, even by `kill -9`, so a crash never leaves a stale lock behind.
///
/// The lock file is private (0600 whatever the umask) and opened with `O_NOFOLLOW`: another user who
/// can write its folder cannot plant a symlink that makes a root run create or open a file elsewhere.
final class RunLock {
    let path: String
    private var descriptor: Int32

    /// Takes the lock, creating its file (not its folder) when needed.
    /// - Parameters:
    ///   - pipeline: named in the message when another run holds the lock.
    ///   - cannotOpen: the error when the file cannot be opened (a symlink, a folder) or is not a
    ///     regular file: `ExportError.state` for the state's lock, `.output` for the outputs'.
    /// - Throws: `ExportError.locked` when another process holds the lock; else what `cannotOpen` makes.
    init(path: String, pipeline: String, cannotOpen: (String) -> ExportError) throws {
        self.path = path
        descriptor = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw cannotOpen("cannot open the lock \(path): \(String(cString: strerror(errno)))")
        }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
            close(descriptor)
            throw cannotOpen("cannot use the lock \(path): it is not a regular file")
        }
        if status.st_uid == geteuid() { fchmod(descriptor, 0o600) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw ExportError.locked("another run of pipeline \(pipeline) is still running (it holds \(path)); nothing was fetched")
        }
    }

    deinit { unlock() }

    /// Releases the lock; calling it again does nothing.
    func unlock() {
        guard descriptor >= 0 else { return }
        flock(descriptor, LOCK_UN)
        close(descriptor)
        descriptor = -1
    }
}
