#if FakeServer
import ArgumentParser
import LinerDemo
import LinerExport

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Start the bundled fake Liner API on loopback and run the demo pipeline against it.",
        discussion: "Writes into exports/ under the current folder. Without --pipeline it runs the demo "
            + "pipeline built into the binary (the same as pipelines/demo.json), then shows changes capture: two "
            + "runs of a changes pipeline with the fake account moved a day forward between them.")

    @Option(help: "A pipeline file to run instead of the built-in demo; its source.baseURL is replaced by the fake server's.")
    var pipeline: String?

    @Option(help: "Leads the fake server holds.")
    var leads = DemoPipeline.leadCount

    @OptionGroup var logging: LoggingOptions

    @OptionGroup var summaryOptions: SummaryOptions

    func run() async throws {
        let (pipeline, leads) = (pipeline, leads)
        let logger = logging.makeLogger()
        try await runReportingErrors(pipeline: pipeline, printError: logging.printError) { _ in
            let spec = try pipeline.map { try PipelineLoader.load(path: $0) } ?? DemoPipeline.spec
            let summary = try await DemoRun.run(
                spec: spec, leads: leads, logger: logger, progress: logging.progressReporter(logger),
                serverStarted: { print("fake Liner API listening on \($0)") })
            summaryOptions.printSummary(summary)
            guard pipeline == nil else { return }
            try await DemoChanges.run(leads: leads, logger: logger) { heading, summary in
                print("\n" + heading)
                summaryOptions.printSummary(summary)
            }
        }
    }
}
#endif
