import Foundation

extension PipelineSpec {
    /// The rendered path of each output for `window` (`{part}` still in it).
    public func outputPaths(for window: ResolvedWindow) -> [String] {
        outputs.map {
            OutputPathTemplate.render(
                $0.path, name: name, from: window.fileNameLabel(window.from), to: window.fileNameLabel(window.to))
        }
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
