import ArgumentParser
import LinerExport

/// `--from`, `--to` and `--output-dir`: a one-off run of a pipeline (`run`, `run --dry-run`, `validate`).
struct OneOffOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Replace the window's start for a one-off run: the syntax of window.from (2024-01-01, 2024-01-01T10:00, now, "
            + "3 days ago…), read in the window's time zone. A one-off neither reads nor writes the state file and "
            + "writes no metrics textfile.",
        valueName: "date"))
    var from: String?

    @Option(help: ArgumentHelp("Replace the window's end (excluded) for a one-off run, like --from.", valueName: "date"))
    var to: String?

    @Option(help: ArgumentHelp(
        "Write every output, the rejects file and the manifest into this folder instead of the pipeline's (file names and placeholders kept); "
            + "a one-off run, like --from.",
        valueName: "folder"))
    var outputDir: String?

    /// The options as a one-off run, empty when none was given.
    /// - Throws: `ExportError.badArguments` naming the option whose value is wrong.
    func oneOffRun() throws -> OneOffRun {
        try OneOffRun(from: from, to: to, outputFolder: outputDir)
    }
}
