import Foundation

/// Where the tracked leads live and how their files are named: the last published version of every
/// lead changes capture follows, beside the state file.
///
/// A generation is two files, `<state>.tracked-<generation>.values` (one `RecordCodec` line per lead,
/// after a first line holding the column keys) and `<state>.tracked-<generation>.index` (a
/// `TrackedLeadIndexHeader`, then one `TrackedLeadEntry` per lead, sorted by id). Both are private
/// (0600), written by `TrackedLeadsWriter` and read by `TrackedLeads`; the state names the generation
/// its run published, and `removeGenerations` clears away the others.
enum TrackedLeadStore {
    /// The file holding `generation`'s values.
    static func valuesPath(statePath: String, generation: String) -> String {
        statePath + ".tracked-" + generation + ".values"
    }

    /// The file holding `generation`'s index.
    static func indexPath(statePath: String, generation: String) -> String {
        statePath + ".tracked-" + generation + ".index"
    }

    /// How many lowercase hex digits a generation has.
    static let generationLength = 16

    /// A new generation: 16 random lowercase hex digits.
    static func makeGeneration() -> String {
        let text = String(UInt64.random(in: 0...UInt64.max), radix: 16)
        return String(repeating: "0", count: generationLength - text.count) + text
    }

    /// Whether `text` looks like a generation `makeGeneration` made.
    static func isGeneration(_ text: some StringProtocol) -> Bool {
        text.utf8.count == generationLength && text.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }

    /// The error for a tracked-leads file that cannot be used as it is.
    static func damaged(_ path: String, _ reason: String, underlying: (any Error)? = nil) -> ExportError {
        .state("the tracked leads \(path) are damaged (\(reason)); move them away to start tracking afresh", underlying: underlying)
    }
}
