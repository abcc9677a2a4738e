import ArgumentParser
import Foundation
import LinerExport

struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a pipeline file and print what a run would do, without fetching or writing anything.",
        discussion: "The window is the one a run started now would take (with since: last-success, read from the state "
            + "file); every file the run would write is checked: its folder can be created and written in.")

    @Argument(help: "The pipeline file (JSON).")
    var pipeline: String

    @OptionGroup var oneOff: OneOffOptions

    @OptionGroup var server: ServerOptions

    func run() async throws {
        let pipeline = pipeline
        let (oneOff, server) = (oneOff, server)
        try await runReportingErrors(pipeline: pipeline) { _ in
            let oneOffRun = try oneOff.oneOffRun()
            let spec = try server.applied(to: PipelineLoader.load(path: pipeline))
            print(try PipelinePlan(spec: oneOffRun.applied(to: spec), oneOffNote: oneOffRun.note(for: spec)).text)
        }
    }
}
