import Foundation

/// The state file, its spool folder (`<state>.spool/`) and its lock (`<state>.lock`), all private:
/// 0600 files and 0700 folders whatever the umask (the spool holds the leads as the API sent them).
///
/// Writes go to a temporary file that is synced and renamed over the state, so a crash at any moment
/// leaves either the old state or the new one. The lock is a `RunLock`.
final class StateStore {
    let path: String
    let spoolFolder: String
    let lockPath: String
    private var heldLock: RunLock?

    init(path: String) {
        self.path = path
        spoolFolder = path + ".spool"
        lockPath = path + ".lock"
    }

    /// - Throws: `ExportError.locked` when another run of the pipeline holds the lock.
    func lock(pipeline: String) throws {
        try createPrivateFolder(URL(fileURLWithPath: path).deletingLastPathComponent().path)
        heldLock = try RunLock(path: lockPath, pipeline: pipeline) { ExportError.state($0) }
    }

    func unlock() {
        heldLock?.unlock()
        heldLock = nil
    }

    /// The saved state, or a fresh one when there is no file yet.
    /// - Throws: `ExportError.state` when the file exists but cannot be read, or is a symlink.
    func load(pipeline: String) throws -> RunState {
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else {
            guard errno == ENOENT else {
                throw ExportError.state(
                    "cannot read the state file \(path) (\(String(cString: strerror(errno)))); move it away to start afresh")
            }
            return RunState(pipeline: pipeline)
        }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        do {
            let data = try handle.readToEnd() ?? Data()
            return try JSONDecoder().decode(RunState.self, from: data)
        } catch {
            throw ExportError.state("cannot read the state file \(path) (\(error)); move it away to start afresh", underlying: error)
        }
    }

    func save(_ state: RunState) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data: Data
        do { data = try encoder.encode(state) } catch {
            throw ExportError.state("cannot encode the state file \(path): \(error)", underlying: error)
        }
        do {
            try AtomicOutputFile.write(data, to: path, isPrivate: true)
        } catch let error as ExportError {
            throw ExportError.state("cannot write the state file \(path): \(error.message)", underlying: error)
        }
    }

    /// Where `window`'s leads are spooled.
    func spoolPath(for window: FetchWindow) -> String { spoolFolder + "/" + window.spoolName }

    /// Removes the spool of a finished or abandoned run.
    func removeSpool() {
        try? FileManager.default.removeItem(atPath: spoolFolder)
    }

    /// Creates the spool folder and removes what a killed run left half-written in it.
    /// - Throws: `ExportError.state` when the spool's path is not a folder of this user (a symlink).
    func prepareSpool() throws {
        try createPrivateFolder(spoolFolder)
        var status = stat()
        guard lstat(spoolFolder, &status) == 0, status.st_mode & S_IFMT == S_IFDIR, status.st_uid == geteuid() else {
            throw ExportError.state("the spool \(spoolFolder) is not a folder of this user (a symlink?); remove it to start afresh")
        }
        chmod(spoolFolder, 0o700)   // a spool an earlier version left with the umask's mode
        let names = (try? FileManager.default.contentsOfDirectory(atPath: spoolFolder)) ?? []
        for name in names where name.hasSuffix(".partial") {
            unlink(spoolFolder + "/" + name)
        }
    }

    /// Creates `folder` and the folders above it that are missing, each 0700 whatever the umask; a
    /// folder that exists already is left as it is.
    private func createPrivateFolder(_ folder: String) throws {
        do {
            try FileManager.default.createDirectory(
                atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw ExportError.state("cannot create the folder \(folder): \(error.localizedDescription)", underlying: error)
        }
    }
}
