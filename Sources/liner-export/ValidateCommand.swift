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
        try await runReportingErrors(pipeline: pipeline) { _ in
            print(try PipelinePlan(spec: PipelineLoader.load(path: pipeline)).text)
        }
    }
}
