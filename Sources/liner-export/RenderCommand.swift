import ArgumentParser
import LinerExport

struct RenderCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Write every output of a plan from what its shards fetched, once all of them are done.",
        discussion: "Refuses (exit 1, naming the windows) while a window of the plan is not fetched or a shard still runs; "
            + "then writes and publishes every output and one manifest, as one `run` of the range would, and records "
            + "the success in window.stateFile. Asks the API only for the reference lists (statuses, fields, orders).")

    @Argument(help: "The pipeline file (JSON).")
    var pipeline: String

    @Option(help: ArgumentHelp("The plan the shards fetched (made by `liner-export plan`).", valueName: "file"))
    var plan: String

    @OptionGroup var server: ServerOptions

    @OptionGroup var logging: LoggingOptions

    @OptionGroup var summaryOptions: SummaryOptions

    func run() async throws {
        let (pipeline, planPath, server) = (pipeline, plan, server)
        let logger = logging.makeLogger()
        try await runReportingErrors(pipeline: pipeline, printError: logging.printError) { stopExitCode in
            let spec = try server.applied(to: PipelineLoader.load(path: pipeline))
            let plan = try ShardPlan.load(path: planPath)
            let runner = ExportRunner(spec: spec, logger: logger, stopExitCode: stopExitCode)
            let summary = try await runner.render(plan, planPath: planPath, progress: logging.progressReporter(logger))
            summaryOptions.printSummary(summary)
            if summary.exitCode != 0 { throw ExitCode(summary.exitCode) }
        }
    }
}
