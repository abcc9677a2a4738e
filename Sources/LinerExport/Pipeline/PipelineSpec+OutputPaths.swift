import Foundation

extension PipelineSpec {
    /// The rendered path of each output for `window` (`{part}` still in it).
    public func outputPaths(for window: ResolvedWindow) -> [String] {
        outputs.map { render($0.path, for: window) }
    }

    /// The rendered path of the rejects file for `window`, when the pipeline has one.
    public func rejectsPath(for window: ResolvedWindow) -> String? {
        rejects.map { render($0.path, for: window) }
    }

    /// Where the manifest of a run over `window` goes: `manifest.path` with its placeholders filled,
    /// else `<name>.manifest.json` in the folder of the first output.
    public func manifestPath(for window: ResolvedWindow) -> String {
        if let template = manifest?.path { return render(template, for: window) }
        return Self.pathBesideFirstOutput(name + ".manifest.json", outputPaths: outputPaths(for: window))
    }

    /// `template` with `{name}`, `{from}` and `{to}` filled for `window`.
    private func render(_ template: String, for window: ResolvedWindow) -> String {
        OutputPathTemplate.render(template, name: name, from: window.fileNameLabel(window.from), to: window.fileNameLabel(window.to))
    }

    /// `name` in the folder of the first output; a relative folder stays relative, as the outputs'
    /// own paths in the summary and the manifest are.
    static func pathBesideFirstOutput(_ name: String, outputPaths: [String]) -> String {
        let folder = folderPath(of: outputPaths.first ?? "")
        return (folder.isEmpty ? "" : folder + "/") + name
    }

    /// `.<name>.lock` beside the first output: the lock a run holds while it writes and publishes.
    func outputLockPath(outputPaths: [String]) -> String {
        Self.pathBesideFirstOutput("." + name + ".lock", outputPaths: outputPaths)
    }
}
