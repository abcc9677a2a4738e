import Foundation

extension PipelineSpec {
    /// The rendered path of each output for `window` (`{part}` still in it).
    public func outputPaths(for window: ResolvedWindow) -> [String] {
        outputs.map {
            OutputPathTemplate.render(
                $0.path, name: name, from: window.fileNameLabel(window.from), to: window.fileNameLabel(window.to))
        }
    }

    /// The rendered path of the rejects file for `window`, when the pipeline has one.
    public func rejectsPath(for window: ResolvedWindow) -> String? {
        rejects.map {
            OutputPathTemplate.render(
                $0.path, name: name, from: window.fileNameLabel(window.from), to: window.fileNameLabel(window.to))
        }
    }

    /// Checks, creating nothing, that every output can be written where its path says for `window`:
    /// the path is not an existing folder, and its folder exists or can be created (no part of it is a
    /// file) and can be written in. `validate` and `run` call it before anything is fetched or written.
    /// - Throws: `ExportError.badPipeline` naming the output's key path (`outputs[0].path: ...`).
    public func checkOutputPaths(for window: ResolvedWindow) throws {
        for (index, path) in outputPaths(for: window).enumerated() {
            if let problem = Self.problem(writingTo: path) {
                throw ExportError.badPipeline("outputs[\(index)].path: \(problem)")
            }
        }
        if let path = rejectsPath(for: window), let problem = Self.problem(writingTo: path) {
            throw ExportError.badPipeline("rejects.path: \(problem)")
        }
    }

    /// Why a file cannot be written at `path`, or nil when nothing is known to stop it.
    static func problem(writingTo path: String) -> String? {
        let fileManager = FileManager.default
        var isFolder: ObjCBool = false
        if fileManager.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            return "\"\(path)\" is an existing folder; expected a file's path"
        }
        let folder = (path as NSString).deletingLastPathComponent
        // The nearest part of the folder that exists: the folders below it are created by the run.
        var existing = folder
        while !existing.isEmpty, !fileManager.fileExists(atPath: existing, isDirectory: &isFolder) {
            let parent = (existing as NSString).deletingLastPathComponent
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
        guard fileManager.isWritableFile(atPath: existing) else {
            return existing == folder
                ? "cannot write in the folder \"\(folder)\": permission denied"
                : "cannot create the folder \"\(folder)\": \"\(existing)\" cannot be written in"
        }
        return nil
    }

    /// `name` in the folder of the first output; a relative folder stays relative, as the outputs'
    /// own paths in the summary and the manifest are.
    static func pathBesideFirstOutput(_ name: String, outputPaths: [String]) -> String {
        let folder = ((outputPaths.first ?? "") as NSString).deletingLastPathComponent
        return (folder.isEmpty ? "" : folder + "/") + name
    }

    /// `.<name>.lock` beside the first output: the lock a run holds while it writes and publishes.
    func outputLockPath(outputPaths: [String]) -> String {
        Self.pathBesideFirstOutput("." + name + ".lock", outputPaths: outputPaths)
    }
}
