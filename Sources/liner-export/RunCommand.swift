import ArgumentParser
import Foundation
import LinerExport

struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a pipeline: fetch the window's leads, normalize them, write every output.",
        discussion: "The API token is read from the environment variable named by source.apiKeyEnv "
            + "(default LINER_API_KEY) or from source.apiKeyFile. Files appear only when the whole run succeeds.\n\n"
            + "Exit codes: 0 success; 1 the run failed, nothing published (or published, but the metrics textfile "
            + "could not be written: the error says so); 2 bad pipeline or arguments; "
            + "3 the API refused the token; 4 published with warnings (only with \"onWarnings\": \"exit-4\"); "
            + "130 stopped by SIGINT, 143 stopped by SIGTERM, nothing published.\n\n"
            + "--from, --to and --output-dir make a one-off run (a dump of another range or into another folder): "
            + "the pipeline's state file is neither read nor written and its metrics textfile is not written, so "
            + "the scheduled runs carry on as if it had not happened.")

    @Argument(help: "The pipeline file (JSON).")
    var pipeline: String

    @Flag(help: "Ask the server for the range's total (one request), print the windows, requests and files a run would make, and write nothing.")
    var dryRun = false

    @OptionGroup var oneOff: OneOffOptions

    @OptionGroup var server: ServerOptions

    @OptionGroup var shardOptions: ShardOptions

    @OptionGroup var logging: LoggingOptions

    @OptionGroup var summaryOptions: SummaryOptions

    func run() async throws {
        let pipeline = pipeline
        let logger = logging.makeLogger()
        try await runReportingErrors(pipeline: pipeline, printError: logging.printError) { stopExitCode in
            let oneOffRun = try oneOff.oneOffRun()
            let spec = try server.applied(to: PipelineLoader.load(path: pipeline))
            if let planPath = shardOptions.plan {
                guard oneOffRun.isEmpty, !dryRun else {
                    throw ExportError.badArguments("--plan: a shard fetches the plan's windows; --from, --to, --output-dir and --dry-run do not apply")
                }
                let shard = try shardOptions.shardIndex()
                let runner = ExportRunner(spec: spec, logger: logger, stopExitCode: stopExitCode)
                let summary = try await runner.fetchShard(
                    shard, of: ShardPlan.load(path: planPath), planPath: planPath, progress: logging.progressReporter(logger))
                print(summary.text)
                return
            }
            if shardOptions.shard != nil { throw ExportError.badArguments("--shard: goes with --plan PLAN") }
            let runner = ExportRunner(spec: try oneOffRun.applied(to: spec), logger: logger, stopExitCode: stopExitCode)
            if dryRun {
                var plan = try await runner.dryRun()
                plan.oneOffNote = oneOffRun.note(for: spec)
                print(plan.text)
                return
            }
            let summary = try await runner.run(progress: logging.progressReporter(logger))
            if let note = oneOffRun.note(for: spec) { print(note) }
            summaryOptions.printSummary(summary)
            if summary.exitCode != 0 { throw ExitCode(summary.exitCode) }
        }
    }
}
