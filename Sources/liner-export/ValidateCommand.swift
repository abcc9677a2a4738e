import ArgumentParser
import Foundation
import LinerExport

struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a pipeline file and print what a run would do, without fetching or writing anything.")

    @Argument(help: "The pipeline file (JSON).")
    var pipeline: String

    func run() async throws {
        let pipeline = pipeline
        try await runReportingErrors {
            let spec = try PipelineLoader.load(path: pipeline)
            let window = try ResolvedWindow(spec.window, now: Date())
            let runner = ExportRunner(spec: spec, apiKey: APIKey(""), logger: .init(label: "validate"))
            print(PipelinePlan(spec: spec, window: window, paths: runner.outputPaths(window)).text)
        }
    }
}

/// What `validate` prints.
struct PipelinePlan {
    let spec: PipelineSpec
    let window: ResolvedWindow
    let paths: [String]

    var text: String {
        let source = spec.source
        let tokenSource = source.apiKeyFile.map { "file \($0)" } ?? "environment variable \(source.apiKeyEnv)"
        let tokenState: String
        if let file = source.apiKeyFile {
            tokenState = FileManager.default.isReadableFile(atPath: file) ? "readable" : "NOT READABLE"
        } else {
            tokenState = ProcessInfo.processInfo.environment[source.apiKeyEnv]?.isEmpty == false ? "set" : "NOT SET"
        }
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
        return lines.joined(separator: "\n")
    }
}
