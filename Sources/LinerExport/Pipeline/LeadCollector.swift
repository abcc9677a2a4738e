import Logging

/// Renders the spooled leads: drops ids already written (window edges, the lookback overlap with the
/// previous run), applies a client-side status filter, normalizes each lead and writes it to every
/// output, in window order.
struct LeadCollector {
    let normalizer: LeadNormalizer
    let outputs: OutputSet
    let logger: Logger
    /// Kept statuses when the status filter runs on the client; nil keeps all.
    var keptStatusIds: Set<Int64>?
    /// Ids the previous successful run exported in its lookback span: skipped, not written again.
    var previouslyExported = LeadIDSet()
    private var seen = LeadIDSet()
    private(set) var duplicates = 0
    private(set) var overlapSkipped = 0
    private(set) var filteredOut = 0
    /// Secondary leads left out because the pipeline asked for primary leads only (counted in `uniqueLeads`).
    private(set) var secondarySkipped = 0
    private(set) var warnings = NormalizationWarnings()
    /// Leads without a readable id: written (they cannot be deduplicated), and counted.
    private var leadsWithoutID = 0
    /// Ids written from windows that start at or after `tailStart`, for the next incremental run.
    private(set) var tailIDs: [Int64] = []

    init(normalizer: LeadNormalizer, outputs: OutputSet, logger: Logger) {
        self.normalizer = normalizer
        self.outputs = outputs
        self.logger = logger
    }

    /// Leads written, each once.
    var uniqueLeads: Int { seen.count + leadsWithoutID }

    /// Writes one window's spool.
    /// - Parameter isTail: remember the ids written (the next run's lookback overlap).
    mutating func collect(spoolPath: String, isTail: Bool) throws {
        try LeadSpoolReader.forEachLead(in: spoolPath) { lead in
            if let keptStatusIds {
                guard let status = lead["statusId"]?.int64Value, keptStatusIds.contains(status) else {
                    filteredOut += 1
                    return
                }
            }
            if let id = lead["id"]?.int64Value {
                if previouslyExported.contains(id) {
                    overlapSkipped += 1
                    return
                }
                guard seen.insert(id) else {
                    duplicates += 1
                    return
                }
                if isTail { tailIDs.append(id) }
            } else {
                leadsWithoutID += 1
                warnings.record(.leadWithoutID, field: "id")
            }
            if normalizer.skipsSecondaryLeads, LeadNormalizer.isSecondary(lead) {
                secondarySkipped += 1
                return
            }
            try outputs.write(normalizer.normalize(lead, warnings: &warnings))
        }
        logger.debug("window written", metadata: ["spool": "\(spoolPath)", "leads": "\(uniqueLeads)"])
    }
}
