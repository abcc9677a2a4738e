import ArgumentParser
import Foundation
import LinerExport

/// `--plan` and `--shard`: `run` fetches one shard of a plan made by `liner-export plan`.
struct ShardOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Fetch one shard of this plan (made by `liner-export plan`) into its spool beside window.stateFile, "
            + "writing no output; `render` writes the outputs once every shard is done.",
        valueName: "file"))
    var plan: String?

    @Option(help: ArgumentHelp(
        "The shard to fetch, 0-based; default $JOB_COMPLETION_INDEX (a Kubernetes Indexed Job's index).", valueName: "index"))
    var shard: Int?

    /// The shard to fetch: `--shard`, else `$JOB_COMPLETION_INDEX`.
    /// - Throws: `ExportError.badArguments` when neither says.
    func shardIndex(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Int {
        if let shard { return shard }
        guard let text = environment["JOB_COMPLETION_INDEX"] else {
            throw ExportError.badArguments("--plan needs --shard K (or $JOB_COMPLETION_INDEX, as a Kubernetes Indexed Job sets it)")
        }
        guard let index = Int(text) else { throw ExportError.badArguments("$JOB_COMPLETION_INDEX: expected a shard index, got \"\(text)\"") }
        return index
    }
}
