import ArgumentParser
import Foundation
import LinerExport
import LinerMock

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Start the bundled fake Liner API on loopback and run the demo pipeline against it.",
        discussion: "Writes into exports/ under the current folder. Without --pipeline it runs the demo "
            + "pipeline built into the binary (the same as pipelines/demo.json).")

    @Option(help: "A pipeline file to run instead of the built-in demo; its source.baseURL is replaced by the fake server's.")
    var pipeline: String?

    @Option(help: "Leads the fake server holds.")
    var leads = DemoPipeline.leadCount

    @OptionGroup var logging: LoggingOptions

    func run() async throws {
        let (pipeline, leads) = (pipeline, leads)
        let logger = logging.makeLogger()
        try await runReportingErrors {
            var spec = try pipeline.map { try PipelineLoader.load(path: $0) }
                ?? PipelineLoader.decode(Data(DemoPipeline.json.utf8), origin: "built-in demo pipeline")
            var configuration = MockServerConfiguration()
            configuration.dataset.leadCount = leads
            let server = try await MockLinerServer.start(configuration)
            print("fake Liner API listening on \(server.baseURL)")
            do {
                spec.source.baseURL = server.baseURL
                let summary = try await ExportRunner(spec: spec, apiKey: APIKey(configuration.apiKey), logger: logger).run(progress: logging.progressReporter(logger))
                print(summary.text)
                try await server.shutdown()
            } catch {
                try? await server.shutdown()
                throw error
            }
        }
    }
}
