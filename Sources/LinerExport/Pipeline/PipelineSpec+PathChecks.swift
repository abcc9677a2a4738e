import Foundation

extension PipelineSpec {
    /// Checks, creating nothing, that a run over `window` can write every file it would: each output,
    /// the manifest, the metrics textfile, and the state file with its lock and spool. Each path must not
    /// be an existing folder (the spool: not an existing file), and its folder must exist or be creatable
    /// (no part of it a file) and be writable by this process's effective user. `validate`,
    /// `run --dry-run` and `run` call it before anything is fetched or written.
    /// - Throws: `ExportError.badPipeline` naming the key path (`outputs[0].path: ...`, `window.stateFile: ...`).
    public func checkWritablePaths(for window: ResolvedWindow) throws {
        try checkStatePaths()
        for (index, path) in outputPaths(for: window).enumerated() {
            if let problem = Self.problem(writingTo: path) { throw ExportError.badPipeline("outputs[\(index)].path: \(problem)") }
        }
        if let path = rejectsPath(for: window), let problem = Self.problem(writingTo: path) {
            throw ExportError.badPipeline("rejects.path: \(problem)")
        }
        let manifestPath = manifestPath(for: window)
        if let problem = Self.problem(writingTo: manifestPath) {
            throw ExportError.badPipeline((manifest == nil ? "the manifest \"\(manifestPath)\": " : "manifest.path: ") + problem)
        }
        if let textfile = metrics?.textfile, let problem = Self.problem(writingTo: textfile) {
            throw ExportError.badPipeline("metrics.textfile: \(problem)")
        }
    }

    /// The state file's part of `checkWritablePaths(for:)`, which needs no window: called before the
    /// state is read (to resolve the window), so that a state path that is a folder is named as such.
    /// - Throws: `ExportError.badPipeline` naming `window.stateFile`.
    func checkStatePaths() throws {
        guard let stateFile = window.stateFile else { return }
        for path in [stateFile, stateFile + ".lock"] {
            if let problem = Self.problem(writingTo: path) { throw ExportError.badPipeline("window.stateFile: \(problem)") }
        }
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: stateFile + ".spool", isDirectory: &isFolder), !isFolder.boolValue {
            throw ExportError.badPipeline("window.stateFile: its spool \"\(stateFile).spool\" is a file; expected a folder")
        }
    }

    /// Why a file cannot be written at `path`, or nil when nothing is known to stop it.
    static func problem(writingTo path: String) -> String? {
        let fileManager = FileManager.default
        var isFolder: ObjCBool = false
        if fileManager.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            return "\"\(path)\" is an existing folder; expected a file's path"
        }
        let folder = folderPath(of: path)
        // The nearest part of the folder that exists: the folders below it are created by the run.
        var existing = folder
        while !existing.isEmpty, !fileManager.fileExists(atPath: existing, isDirectory: &isFolder) {
            let parent = folderPath(of: existing)
            if parent == existing { break }
            existing = parent
        }
        if existing.isEmpty {
            existing = "."
            isFolder = true
        }
        guard isFolder.boolValue else {
            return existing == folder
                ? "its folder \"\(folder)\" is a file"
                : "cannot create the folder \"\(folder)\": \"\(existing)\" is a file"
        }
        // As the effective user, who creates the files (`access` alone asks for the real one), and
        // searchable as well as writable: both are needed to create a name in a folder.
        guard faccessat(AT_FDCWD, existing, W_OK | X_OK, AT_EACCESS) == 0 else {
            let reason = String(cString: strerror(errno))
            return existing == folder
                ? "cannot write in the folder \"\(folder)\": \(reason)"
                : "cannot create the folder \"\(folder)\": \"\(existing)\" cannot be written in (\(reason))"
        }
        return nil
    }
}
