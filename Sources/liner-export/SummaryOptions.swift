import ArgumentParser
import LinerExport

/// `--summary-format`, for the commands that finish with a run summary.
struct SummaryOptions: ParsableArguments {
    @Option(help: "The run summary on stdout as lines for a person, or as one JSON object on one line.")
    var summaryFormat = LoggingOptions.Format.text

    /// Prints a finished run's summary on stdout in the chosen format.
    func printSummary(_ summary: RunSummary) {
        print(summaryFormat == .json ? summary.json : summary.text)
    }
}
