/// The last stage: applies the pipeline's warnings policy, publishes every output at once, and only
/// then records the success in the checkpoint (so a run that fails before it is fetched again).
struct PublishStage {
    let policy: WarningPolicy
    let checkpoint: RunCheckpoint

    /// - Parameter trackedLeads: the generation of tracked leads the run wrote (changes capture), made
    ///   the current one with the success.
    /// - Throws: `ExportError.warningsRefused` when the run counted warnings and the policy is `fail`
    ///   (nothing is published); `ExportError.output` or `.state` when publishing or saving fails.
    func publish(
        _ outputs: OutputSet, window: ResolvedWindow, collector: LeadCollector, warnings: RunWarnings, trackedLeads: String? = nil
    ) throws -> [RunSummary.File] {
        if policy == .fail && !warnings.byKind.isEmpty {
            throw ExportError.warningsRefused(
                "the run counted warnings (\(warnings.byKind.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))) "
                    + "and onWarnings is \"fail\"; nothing was published")
        }
        let files = try outputs.publish()
        try checkpoint.recordSuccess(
            of: window, leads: collector.counts.uniqueLeads, tailIDs: collector.tailIDs, trackedLeads: trackedLeads)
        return files
    }
}

/// Every warning of a run: normalization's and the writers' by kind and field, and with the fetch's
/// (`leads_left_filter`) by kind.
struct RunWarnings: Sendable {
    let byField: NormalizationWarnings
    let byKind: [String: Int]

    init(fetch: WindowProgress, collector: LeadCollector, outputs: OutputSet) {
        var byField = collector.warnings
        byField.merge(outputs.warnings)
        self.byField = byField
        byKind = byField.counts.reduce(into: fetch.runWarnings) { $0[$1.key.kind.rawValue, default: 0] += $1.value }
    }
}
