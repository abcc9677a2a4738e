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

    @Option(help: ArgumentHelp(
        "Columns to show, by key or title, comma separated (id,name,custom.10), or all. Default: the pipeline's columns "
            + "of the default set and those it names itself, not every custom field.",
        valueName: "keys"))
    var columns: String?

    @Option(help: ArgumentHelp(
        "Preview from here instead of the window's start: the syntax of window.from (2024-01-01, 3 days ago…).", valueName: "date"))
    var from: String?

    @Option(help: ArgumentHelp("Preview up to here (excluded) instead of the window's end, like --from.", valueName: "date"))
    var to: String?

    @Flag(help: "Show the change set: the first page of the rescan range compared with the leads the last success tracked (pipelines with changes).")
    var changes = false

    @OptionGroup var server: ServerOptions

    @OptionGroup var logging: LoggingOptions

    func validate() throws {
        guard (1...100).contains(rows) else { throw ValidationError("--rows must be 1 to 100, got \(rows)") }
    }

    func run() async throws {
        let (pipeline, rows, from, to, changes) = (pipeline, rows, from, to, changes)
        let columns = columns.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
        let logger = logging.makeLogger()
        try await runReportingErrors(pipeline: pipeline, printError: logging.printError) { _ in
            let spec = try OneOffRun(from: from, to: to).applied(to: server.applied(to: PipelineLoader.load(path: pipeline)))
            if columns?.isEmpty == true { throw ExportError.badArguments("--columns: expected column keys, comma separated, or all") }
            let preview = try await LeadPreview(spec: spec, logger: logger).table(rows: rows, columns: columns, changes: changes)
            let width = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init) ?? 120
            print(preview.table.render(width: width))
            if preview.table.titles.count < preview.columnCount {
                print("\(preview.table.titles.count) of \(preview.columnCount) columns; --columns all shows every one, --columns KEY,… chooses")
            }
            if changes {
                print("\(preview.table.rows.count) created or updated since the last success among the first page of the "
                    + "\(preview.total.map(String.init) ?? "?") leads of the rescan range \(preview.window.description); archived leads show in a run")
            } else {
                print("\(preview.table.rows.count) of \(preview.total.map(String.init) ?? "?") leads in \(preview.window.description)")
            }
        }
    }
}
