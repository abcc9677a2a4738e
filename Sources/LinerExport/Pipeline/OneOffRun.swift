import Foundation

/// A one-off run of a pipeline, from the command line: `--from`/`--to` replace the window's bounds,
/// `--output-dir` the folder of every output, of the rejects file and of the manifest (file names and
/// placeholders kept).
///
/// A one-off leaves the pipeline's scheduled runs alone: it neither reads nor writes the state file
/// (no incremental start, no resume, not the scheduled run's lock: the next scheduled run exports what
/// it would have), and it does not write the metrics textfile (a one-off's success must not hide a
/// failed nightly from the alerts, nor its failure raise one). Where no option replaces a bound, the
/// file's `from`/`to` apply; with `since: last-success` that is the first run's window.
public struct OneOffRun: Sendable, Equatable {
    /// Replaces `window.from`; read like it, in the window's zone.
    public var from: WindowBound?
    /// Replaces `window.to`; read like it, in the window's zone.
    public var to: WindowBound?
    /// Replaces the folder of every output, of the rejects file and of the manifest.
    public var outputFolder: String?

    /// - Throws: `ExportError.badArguments` naming the option whose value is not a window bound or a folder.
    public init(from: String? = nil, to: String? = nil, outputFolder: String? = nil) throws {
        func bound(_ text: String?, option: String) throws -> WindowBound? {
            guard let text else { return nil }
            guard let bound = WindowBound(text) else {
                throw ExportError.badArguments(
                    "\(option): expected a date (2024-01-01), a date-time (2024-01-01T10:00, read in the window's time zone, "
                        + "or with an offset), now, today, yesterday, N days ago or N hours ago, got \"\(text)\"")
            }
            return bound
        }
        self.from = try bound(from, option: "--from")
        self.to = try bound(to, option: "--to")
        if let outputFolder, outputFolder.isEmpty {
            throw ExportError.badArguments("--output-dir: expected a folder, got \"\"")
        }
        self.outputFolder = outputFolder
    }

    /// Whether no option was given: the pipeline runs as scheduled.
    public var isEmpty: Bool { from == nil && to == nil && outputFolder == nil }

    /// `spec` as this one-off runs it: the window's bounds and the folders replaced, the state file,
    /// `since`, `lookback` and the metrics textfile left out. `spec` itself when no option was given.
    /// - Parameter now: the moment the window is resolved at to check it is not empty.
    /// - Throws: `ExportError.badArguments` when the window would end before it starts, or when two
    ///   outputs from different folders would share one path in `outputFolder`.
    public func applied(to spec: PipelineSpec, now: Date = Date()) throws -> PipelineSpec {
        guard !isEmpty else { return spec }
        var oneOff = spec
        oneOff.window.from = from ?? spec.window.from
        oneOff.window.to = to ?? spec.window.to
        oneOff.window.sinceLastSuccess = false
        oneOff.window.lookbackSeconds = 0
        oneOff.window.stateFile = nil
        oneOff.metrics = nil
        if let outputFolder {
            func moved(_ path: String) -> String {
                (outputFolder as NSString).appendingPathComponent((path as NSString).lastPathComponent)
            }
            for index in oneOff.outputs.indices { oneOff.outputs[index].path = moved(spec.outputs[index].path) }
            oneOff.manifest = spec.manifest.map { ManifestSpec(path: moved($0.path)) }
            if let rejects = spec.rejects { oneOff.rejects?.path = moved(rejects.path) }
            var seen: [String: Int] = [:]
            for (index, output) in oneOff.outputs.enumerated() {
                if let first = seen.updateValue(index, forKey: output.path) {
                    throw ExportError.badArguments(
                        "--output-dir: outputs[\(first)] and outputs[\(index)] would both write \"\(output.path)\"")
                }
            }
            if let manifest = oneOff.manifest, seen[manifest.path] != nil {
                throw ExportError.badArguments("--output-dir: the manifest and an output would both be \"\(manifest.path)\"")
            }
            if let rejects = oneOff.rejects, seen[rejects.path] != nil || rejects.path == oneOff.manifest?.path {
                throw ExportError.badArguments("--output-dir: the rejects file and another file would both be \"\(rejects.path)\"")
            }
        }
        do {
            _ = try ResolvedWindow(oneOff.window, now: now)
        } catch let error as ExportError {
            let options = [from.map { _ in "--from" }, to.map { _ in "--to" }].compactMap { $0 }
            guard !options.isEmpty else { throw error }
            throw ExportError.badArguments(
                options.joined(separator: "/") + ": " + error.message.replacingOccurrences(of: "window: ", with: ""))
        }
        return oneOff
    }

    /// One line saying what the one-off replaces and leaves alone, for `validate`, `--dry-run` and the
    /// summary; nil when no option was given.
    public func note(for spec: PipelineSpec) -> String? {
        guard !isEmpty else { return nil }
        var replaced: [String] = []
        if from != nil || to != nil { replaced.append("the window") }
        if outputFolder != nil { replaced.append("the output folder") }
        var untouched: [String] = []
        if let stateFile = spec.window.stateFile { untouched.append("the state file \(stateFile) is neither read nor written") }
        if let textfile = spec.metrics?.textfile { untouched.append("the metrics textfile \(textfile) is not written") }
        return "one-off run: " + replaced.joined(separator: " and ") + " from the command line"
            + (untouched.isEmpty ? "" : "; " + untouched.joined(separator: ", "))
    }
}
