import Foundation

/// What `validate` prints: the pipeline as a run would read it — the source and where its token
/// comes from (and whether it is there), the window a run started now would take (read from the
/// state file as the run reads it, without its lock), filters, normalization, and every file the run
/// would write: outputs, manifest, metrics, state. Nothing is fetched, written or created.
public struct PipelinePlan: Sendable {
    public let spec: PipelineSpec
    public let window: ResolvedWindow
    public let paths: [String]
    public let manifestPath: String
    /// What the state file says about the window, when the pipeline keeps one.
    public let stateLine: String?
    /// What a one-off run from the command line replaces and leaves alone (`OneOffRun.note(for:)`).
    public let oneOffNote: String?
    /// Where the token comes from, and whether it is there now.
    public let tokenSource: String
    public let tokenState: String

    /// - Parameter environment: where `source.apiKeyEnv` is looked up.
    /// - Parameter oneOffNote: a line saying the run is a one-off (`OneOffRun.note(for:)`), shown after the first.
    /// - Throws: `ExportError.badPipeline` when the window is empty, or a file cannot be written where
    ///   the pipeline says (`PipelineSpec.checkWritablePaths(for:)`); `ExportError.state` when the state
    ///   file cannot be read.
    public init(
        spec: PipelineSpec, now: Date = Date(), environment: [String: String] = ProcessInfo.processInfo.environment,
        oneOffNote: String? = nil
    ) throws {
        self.spec = spec
        self.oneOffNote = oneOffNote
        // The run's own resolution: an incremental start, or an interrupted run finished first.
        try spec.checkStatePaths()
        let checkpoint = try RunCheckpoint(spec: spec, locking: false)
        window = try checkpoint.window(now: now)
        paths = spec.outputPaths(for: window)
        manifestPath = spec.manifestPath(for: window)
        try spec.checkWritablePaths(for: window)
        stateLine = spec.window.stateFile.map { "state: \($0) (\(checkpoint.stateDescription))" }
        let source = spec.source
        if let file = source.apiKeyFile {
            tokenSource = "file \(file)"
            tokenState = FileManager.default.isReadableFile(atPath: file) ? "readable" : "NOT READABLE"
        } else {
            tokenSource = "environment variable \(source.apiKeyEnv)"
            tokenState = environment[source.apiKeyEnv]?.isEmpty == false ? "set" : "NOT SET"
        }
    }

    public var text: String {
        let source = spec.source
        var lines = [
            "pipeline \(spec.name): valid",
            "source: \(source.baseURL)/v2/lead/, \(source.pageSize) leads per page, token from \(tokenSource) (\(tokenState))",
            "window: \(window.description)",
        ]
        if let oneOffNote { lines.insert(oneOffNote, at: 1) }
        if let stateLine { lines.append(stateLine) }
        if let rescanFrom = TrackedRange(window: window, changes: spec.changes).rescanFrom {
            lines.append("changes: leads created from \(TimestampFormatter(timeZone: window.timeZone).iso8601(rescanFrom)) on are read again "
                + "and compared with the last success's; outputs of content changes and snapshot get the result")
        }
        if !spec.filters.orderIds.isEmpty { lines.append("orderIds: \(spec.filters.orderIds.map(String.init).joined(separator: ", "))") }
        if !spec.filters.statusIds.isEmpty { lines.append("statusIds: \(spec.filters.statusIds.map(String.init).joined(separator: ", "))") }
        let phones = spec.normalize.phones
        lines.append("phones: " + (phones.enabled ? "\(phones.format.rawValue), default region \(phones.defaultRegion)" : "kept as they came"))
        lines.append("dates: written in \((spec.normalize.dates.timeZone ?? window.timeZone).identifier), "
            + "zoneless ones read in \(spec.normalize.dates.sourceTimeZone.identifier)")
        lines.append("custom fields: " + (spec.normalize.customFields.discoversFields ? "every field of the account's list" : "only those named")
            + (spec.normalize.customFields.names.isEmpty ? "" : ", named: "
                + spec.normalize.customFields.names.sorted { $0.key < $1.key }.map { "\($0.key) → \($0.value)" }.joined(separator: ", ")))
        for (output, path) in zip(spec.outputs, paths) {
            lines.append("output: \(output.format.rawValue) → \(path)")
        }
        if let rejects = spec.rejectsPath(for: window) { lines.append("rejects: csv → \(rejects)") }
        lines.append("manifest: \(manifestPath)")
        if let metrics = spec.metrics { lines.append("metrics: \(metrics.textfile)") }
        return lines.joined(separator: "\n")
    }
}
