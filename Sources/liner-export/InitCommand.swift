import ArgumentParser
import Foundation
import LinerExport

struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a commented starter pipeline file that validate accepts.",
        discussion: """
            Templates: nightly (yesterday's leads every night, resumable, with a metrics textfile: the \
            pipeline deploy/ runs), dump (a fixed range of days, to CSV and XLSX) and changes (every night, \
            the new leads and what changed in the last 30 days). An existing file is left alone unless --force.

            Examples:
              liner-export init --base-url https://example.liner.host
              liner-export init --base-url https://example.liner.host --template dump --output pipelines/q1.json
              liner-export init --base-url https://example.liner.host --output -
            """)

    @Option(help: "Your Liner account's address, https://<account host> (without /v2/lead/).")
    var baseURL: String

    @Option(help: "nightly, dump or changes.", completion: .list(PipelineTemplate.allCases.map(\.rawValue)))
    var template = PipelineTemplate.nightly.rawValue

    @Option(name: .shortAndLong, help: "The file to write (default pipelines/<template>.json); - prints it to stdout.")
    var output: String?

    @Flag(help: "Replace the file if it exists.")
    var force = false

    func validate() throws {
        guard PipelineTemplate(rawValue: template) != nil else {
            throw ValidationError("--template: expected nightly, dump or changes, got \"\(template)\"")
        }
    }

    func run() async throws {
        let (baseURL, output, force) = (baseURL, output, force)
        let template = PipelineTemplate(rawValue: template) ?? .nightly
        try await runReportingErrors { _ in
            let text = try template.text(baseURL: baseURL)
            let path = output ?? template.defaultPath
            if path == "-" {
                FileHandle.standardOutput.write(Data(text.utf8))
                return
            }
            try PipelineTemplate.write(text, to: path, replacing: force)
            print("wrote \(path); next: liner-export validate \(path)")
        }
    }
}
