import ArgumentParser
import Foundation
import LinerExport

struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Cut the pipeline's window into windows and deal them to N shards, balanced by lead count.",
        discussion: "Cuts the window as `run` would, knows each window's lead count (chunk auto counts while it cuts; other "
            + "windows are asked for, one request each) and writes the plan: "
            + "the windows, their counts, their shard and a fingerprint of the pipeline and range. Then run each shard "
            + "(`run PIPELINE --plan PLAN --shard K`, e.g. as a Kubernetes Indexed Job) and `render PIPELINE --plan PLAN`. "
            + "The pipeline needs window.stateFile, on a volume every shard mounts: each shard spools its windows beside it.")

    @Argument(help: "The pipeline file (JSON).")
    var pipeline: String

    @Option(help: "How many shards (processes) fetch the windows, 1–1000.")
    var shards: Int

    @Option(help: ArgumentHelp("Where to write the plan (JSON); - for standard output.", valueName: "file"))
    var output: String

    @OptionGroup var server: ServerOptions

    @OptionGroup var logging: LoggingOptions

    func validate() throws {
        guard (1...1000).contains(shards) else { throw ValidationError("--shards must be 1 to 1000, got \(shards)") }
    }

    func run() async throws {
        let (pipeline, shards, output, server) = (pipeline, shards, output, server)
        let logger = logging.makeLogger()
        try await runReportingErrors(pipeline: pipeline, printError: logging.printError) { _ in
            let spec = try server.applied(to: PipelineLoader.load(path: pipeline))
            let plan = try await ExportRunner(spec: spec, logger: logger).plan(shards: shards)
            try plan.write(to: output)
            let leads = plan.leadsByShard
            let note = "plan: \(plan.windows.count) windows, \(leads.reduce(0, +)) leads, \(shards) shards holding "
                + leads.map(String.init).joined(separator: "/") + " leads" + (output == "-" ? "" : "; wrote \(output)")
                + (plan.windows.count < shards ? "; fewer windows than shards: some shards have nothing to fetch (cut the range finer with window.chunk)" : "")
            FileHandle.standardError.write(Data((note + "\n").utf8))
        }
    }
}
