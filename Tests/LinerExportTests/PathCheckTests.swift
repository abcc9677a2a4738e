import Foundation
import Testing
@testable import LinerExport

/// `validate`, `run --dry-run` and `run` refuse, before anything is fetched or created, a pipeline
/// whose manifest, metrics textfile or state file cannot be written, as the user running them.
struct PathCheckTests {
    /// A pipeline whose files all go under `folder`, with `extra` keys in its window and at its top level.
    static func pipeline(_ folder: String, window extraWindow: String = "", _ extra: String = "") -> String {
        """
        {"version": 1, "name": "checks", "source": {"baseURL": "http://127.0.0.1:9"},
         "window": {"from": "2024-01-01", "to": "2024-01-02", "timeZone": "UTC"\(extraWindow)},
         "outputs": [{"format": "csv", "path": "\(folder)/out/{name}-{from}.csv"}]\(extra)}
        """
    }

    @Test func everyFileOfTheRunIsChecked() throws {
        try withTemporaryFolder { folder in
            try FileManager.default.createDirectory(atPath: folder + "/taken.json", withIntermediateDirectories: true)
            try FileManager.default.createDirectory(atPath: folder + "/out/checks.manifest.json", withIntermediateDirectories: true)
            try Data("x".utf8).write(to: URL(fileURLWithPath: folder + "/plain"))
            try Data("x".utf8).write(to: URL(fileURLWithPath: folder + "/s.json.spool"))
            let cases: [(window: String, extra: String, message: String)] = [
                ("", "", #"the manifest "\#(folder)/out/checks.manifest.json": "\#(folder)/out/checks.manifest.json" is an existing folder"#),
                ("", #", "manifest": {"path": "\#(folder)/taken.json"}"#, #"manifest.path: "\#(folder)/taken.json" is an existing folder"#),
                ("", #", "manifest": {"path": "\#(folder)/fine.json"}, "metrics": {"textfile": "\#(folder)/plain/m.prom"}"#,
                 #"metrics.textfile: its folder "\#(folder)/plain" is a file"#),
                (#", "stateFile": "\#(folder)/plain/state/s.json""#, #", "manifest": {"path": "\#(folder)/fine.json"}"#,
                 #"window.stateFile: cannot create the folder "\#(folder)/plain/state": "\#(folder)/plain" is a file"#),
                (#", "stateFile": "\#(folder)/taken.json""#, #", "manifest": {"path": "\#(folder)/fine.json"}"#,
                 #"window.stateFile: "\#(folder)/taken.json" is an existing folder"#),
                (#", "stateFile": "\#(folder)/s.json""#, #", "manifest": {"path": "\#(folder)/fine.json"}"#,
                 #"window.stateFile: its spool "\#(folder)/s.json.spool" is a file; expected a folder"#),
            ]
            for (window, extra, message) in cases {
                let spec = try PipelineLoader.decode(Data(Self.pipeline(folder, window: window, extra).utf8), origin: "x.json")
                let error = #expect(throws: ExportError.self) { try PipelinePlan(spec: spec, environment: [:]) }
                #expect(error?.message.hasPrefix(message) == true, "got: \(error?.message ?? "no error")")
                #expect(error?.exitCode == 2)
            }
            #expect(!FileManager.default.fileExists(atPath: folder + "/fine.json"))
        }
    }

    /// Runs the binary as an unprivileged user when the tests run as root (who may write anywhere),
    /// else as it is: either way, as a user who cannot write in a 0555 folder.
    static func runUnprivileged(_ arguments: [String], in folder: String) throws -> (status: Int32, output: String, errors: String) {
        let drop = geteuid() == 0 ? "setpriv --reuid=65534 --regid=65534 --clear-groups " : ""
        var environment = ProcessInfo.processInfo.environment
        environment["LINER_API_KEY"] = "k"
        return try runProgram(
            ["bash", "-c", "cd \"$1\" && shift && exec \(drop)\"$0\" \"$@\"", CommandLineTests.binary, folder] + arguments,
            environment: environment)
    }

    @Test(arguments: [
        (#""metrics": {"textfile": "locked/m.prom"}"#, #"metrics.textfile: cannot write in the folder "locked": Permission denied"#),
        (#""manifest": {"path": "locked/sub/{name}.json"}"#,
         #"manifest.path: cannot create the folder "locked/sub": "locked" cannot be written in (Permission denied)"#),
    ])
    func aFolderTheUserCannotWriteIsRefusedByValidateDryRunAndRun(key: String, message: String) throws {
        let json = """
            {"version": 1, "name": "checks", "source": {"baseURL": "http://127.0.0.1:9"},
             "window": {"from": "2024-01-01", "to": "2024-01-02", "timeZone": "UTC"},
             "outputs": [{"format": "csv", "path": "open/{name}-{from}.csv"}], \(key)}
            """
        try withTemporaryFolder { folder in
            try Data(json.utf8).write(to: URL(fileURLWithPath: folder + "/pipeline.json"))
            for (name, mode) in [("open", 0o777), ("locked", 0o555)] {
                try FileManager.default.createDirectory(atPath: folder + "/" + name, withIntermediateDirectories: false)
                chmod(folder + "/" + name, mode_t(mode))
            }
            chmod(folder, 0o755)
            for command in [["validate"], ["run", "--dry-run"], ["run"]] {
                let result = try Self.runUnprivileged(command + ["pipeline.json"], in: folder)
                #expect(result.status == 2, "\(command): \(result.output)")
                #expect(result.errors.hasSuffix("Error: pipeline.json: \(message)\n"), "\(command): \(result.errors)")
            }
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/open").isEmpty, "nothing written")
        }
    }
}
