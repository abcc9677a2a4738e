import ArgumentParser
import Foundation
import LinerExport

struct PreviewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preview",
        abstract: "Fetch one page of the pipeline's window and print it normalized, with the final column names.",
        discussion: "Writes no file. Wide tables are printed one lead per block.")

    @Argument(help: "The pipeline file (JSON).")
    var pipeline: String

    @Option(help: "How many leads to show (1–100).")
    var rows = 20

    @OptionGroup var logging: LoggingOptions

    func validate() throws {
        guard (1...100).contains(rows) else { throw ValidationError("--rows must be 1 to 100, got \(rows)") }
    }

    func run() async throws {
        let (pipeline, rows) = (pipeline, rows)
        let logger = logging.makeLogger()
        try await runReportingErrors(pipeline: pipeline, printError: logging.printError) { _ in
            let spec = try PipelineLoader.load(path: pipeline)
            let preview = try await LeadPreview(spec: spec, logger: logger).table(rows: rows)
            let width = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init) ?? 120
            print(preview.table.render(width: width))
            print("\(preview.table.rows.count) of \(preview.total.map(String.init) ?? "?") leads in \(preview.window.description)")
        }
    }
}
