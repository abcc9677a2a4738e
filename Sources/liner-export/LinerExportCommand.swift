import ArgumentParser
import LinerExport

@main
struct LinerExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "liner-export",
        abstract: "Export leads from the Liner CRM API to CSV, NDJSON, XLSX and XML files.",
        discussion: """
            Exit codes: 0 success; 1 run failed (nothing published; or published, but the metrics textfile \
            could not be written); 2 bad pipeline file, arguments or \
            missing token; 3 the API refused the token; 4 published with warnings ("onWarnings": "exit-4"); \
            130 stopped by SIGINT (Ctrl-C), 143 stopped by SIGTERM, nothing published.

            Examples:
              liner-export init --base-url https://example.liner.host
              liner-export demo
              LINER_API_KEY=... liner-export run pipelines/nightly.json
              liner-export validate pipelines/nightly.json
              liner-export preview pipelines/nightly.json --rows 20
              liner-export mock-server --port 0 --leads 100000
            """,
        version: ToolVersion.text,
        subcommands: subcommands
    )

    #if FakeServer
    static let subcommands: [ParsableCommand.Type] = [
        RunCommand.self, ValidateCommand.self, PreviewCommand.self, InitCommand.self, PlanCommand.self, RenderCommand.self,
        DemoCommand.self, MockServerCommand.self,
    ]
    #else
    /// A production build (`--disable-default-traits`) without the bundled fake server.
    static let subcommands: [ParsableCommand.Type] = [
        RunCommand.self, ValidateCommand.self, PreviewCommand.self, InitCommand.self, PlanCommand.self, RenderCommand.self,
    ]
    #endif
}
