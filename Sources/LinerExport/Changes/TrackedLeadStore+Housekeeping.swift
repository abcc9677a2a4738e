import Foundation
import Synchronization

extension TrackedLeadStore {
    /// The generations a `TrackedLeadsWriter` of this process is writing: housekeeping leaves their
    /// files alone whatever it is asked to keep.
    static let liveGenerations = Mutex<Set<String>>([])

    /// Removes every generation of `statePath`'s tracked leads but `generation` (all of them when nil),
    /// and the temporary files of writers that are gone: those of killed runs, and of this process's
    /// writers that finished or were discarded. Call it while holding the state's lock.
    ///
    /// Only names of the store's own shape in the state's folder, only regular files of this user; a
    /// symlink is never followed (`lstat` and `unlink` see the link itself). Failures are ignored: what
    /// is left is tried again by the next run.
    static func removeGenerations(statePath: String, keeping generation: String?) {
        let url = URL(fileURLWithPath: statePath)
        let folder = url.deletingLastPathComponent().path
        let finalPrefix = url.lastPathComponent + ".tracked-"
        let temporaryPrefix = "." + finalPrefix
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        let live = liveGenerations.withLock { $0 }
        for name in names {
            let generationOfFile: Substring
            if name.hasPrefix(finalPrefix), name.hasSuffix(".index") || name.hasSuffix(".values") {
                generationOfFile = name.dropFirst(finalPrefix.count).prefix { $0 != "." }
                guard name.dropFirst(finalPrefix.count + generationOfFile.count).split(separator: ".").count == 1 else { continue }
            } else if name.hasPrefix(temporaryPrefix), name.hasSuffix(".partial") {
                generationOfFile = name.dropFirst(temporaryPrefix.count).prefix { $0 != "." }
                guard isAbandoned(temporaryName: name) else { continue }
            } else {
                continue
            }
            guard isGeneration(generationOfFile), String(generationOfFile) != generation,
                !live.contains(String(generationOfFile))
            else { continue }
            removeFileOfThisUser(folder + "/" + name)
        }
    }

    /// Whether the process named in `.<name>.<pid>.<random>.partial` is gone, or is this one (whose
    /// live writers' generations the caller skips).
    private static func isAbandoned(temporaryName name: String) -> Bool {
        let parts = name.dropLast(".partial".count).split(separator: ".")
        guard parts.count >= 2, let pid = Int32(parts[parts.count - 2]) else { return false }
        return pid == getpid() || (kill(pid, 0) != 0 && errno == ESRCH)
    }

    private static func removeFileOfThisUser(_ path: String) {
        var status = stat()
        guard lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG, status.st_uid == geteuid() else { return }
        unlink(path)
    }
}
