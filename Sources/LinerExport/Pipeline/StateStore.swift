import Foundation

/// The state file, its spool folder (`<state>.spool/`) and its lock (`<state>.lock`).
///
/// Writes go to a temporary file that is synced and renamed over the state, so a crash at any moment
/// leaves either the old state or the new one. The lock is an advisory `flock`: the kernel releases
/// it when the process dies, even by `kill -9`, so a crash never leaves a stale lock behind.
final class StateStore {
    let path: String
    let spoolFolder: String
    private var lockDescriptor: Int32 = -1

    init(path: String) {
        self.path = path
        spoolFolder = path + ".spool"
    }

    deinit { unlock() }

    /// - Throws: `ExportError.locked` when another run of the pipeline holds the lock.
    func lock(pipeline: String) throws {
        try createFolder(URL(fileURLWithPath: path).deletingLastPathComponent().path)
        let descriptor = open(path + ".lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw ExportError.state("cannot open the lock \(path).lock: \(String(cString: strerror(errno)))")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw ExportError.locked(
                "another run of pipeline \(pipeline) is still running (it holds \(path).lock); nothing was fetched")
        }
        lockDescriptor = descriptor
    }

    func unlock() {
        guard lockDescriptor >= 0 else { return }
        flock(lockDescriptor, LOCK_UN)
        close(lockDescriptor)
        lockDescriptor = -1
    }

    /// The saved state, or a fresh one when there is no file yet.
    /// - Throws: `ExportError.state` when the file exists but cannot be read.
    func load(pipeline: String) throws -> RunState {
        guard FileManager.default.fileExists(atPath: path) else { return RunState(pipeline: pipeline) }
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            return try JSONDecoder().decode(RunState.self, from: data)
        } catch {
            throw ExportError.state("cannot read the state file \(path) (\(error)); move it away to start afresh", underlying: error)
        }
    }

    func save(_ state: RunState) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let temporary = path + ".\(getpid()).partial"
        do {
            let data = try encoder.encode(state)
            try data.write(to: URL(fileURLWithPath: temporary))
            let descriptor = open(temporary, O_RDONLY | O_CLOEXEC)
            if descriptor >= 0 {
                fsync(descriptor)
                close(descriptor)
            }
            guard rename(temporary, path) == 0 else {
                throw ExportError.state("cannot replace \(path): \(String(cString: strerror(errno)))")
            }
        } catch let error as ExportError {
            unlink(temporary)
            throw error
        } catch {
            unlink(temporary)
            throw ExportError.state("cannot write the state file \(path): \(error.localizedDescription)", underlying: error)
        }
    }

    /// Where `window`'s leads are spooled.
    func spoolPath(for window: FetchWindow) -> String { spoolFolder + "/" + window.spoolName }

    /// Removes the spool of a finished or abandoned run.
    func removeSpool() {
        try? FileManager.default.removeItem(atPath: spoolFolder)
    }

    /// Creates the spool folder and removes what a killed run left half-written in it.
    func prepareSpool() throws {
        try createFolder(spoolFolder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: spoolFolder)) ?? []
        for name in names where name.hasSuffix(".partial") {
            unlink(spoolFolder + "/" + name)
        }
    }

    private func createFolder(_ folder: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw ExportError.state("cannot create the folder \(folder): \(error.localizedDescription)", underlying: error)
        }
    }
}
