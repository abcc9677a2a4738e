import Foundation

/// What `validate` prints: the pipeline as a run would read it — the source and where its token
/// comes from (and whether it is there), the window resolved now, filters, normalization and every
/// output's path. Nothing is fetched or written.
public struct PipelinePlan: Sendable {
    public let spec: PipelineSpec
    public let window: ResolvedWindow
    public let paths: [String]
    /// Where the token comes from, and whether it is there now.
    public let tokenSource: String
    public let tokenState: String

    /// - Parameter environment: where `source.apiKeyEnv` is looked up.
    /// - Throws: `ExportError.badPipeline` when the window is empty, or an output cannot be written
    ///   where its path says (`PipelineSpec.checkOutputPaths(for:)`).
    public init(
        spec: PipelineSpec, now: Date = Date(), environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws {
        self.spec = spec
        window = try ResolvedWindow(spec.window, now: now)
        paths = spec.outputPaths(for: window)
        try spec.checkOutputPaths(for: window)
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
        return lines.joined(separator: "\n")
    }
}
