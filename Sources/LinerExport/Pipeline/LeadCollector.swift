import Logging

/// Consumes lead pages: drops the duplicates shifting offsets serve, normalizes each new lead and
/// writes it to every output, and keeps the counts that tell whether the window came out whole.
struct LeadCollector {
    let normalizer: LeadNormalizer
    let outputs: OutputSet
    let logger: Logger
    private var seen = LeadIDSet()
    private(set) var duplicates = 0
    /// Secondary leads left out because the pipeline asked for primary leads only (counted in `uniqueLeads`).
    private(set) var secondarySkipped = 0
    private(set) var pages = 0
    /// The server's `total` on the latest page.
    private(set) var serverTotal: Int?
    /// The server's `total` on the first page of the latest pass: the leads that existed when it began.
    private var totalAtPassStart: Int?
    private(set) var warnings = NormalizationWarnings()
    /// Leads without a readable id: written (they cannot be deduplicated), and counted.
    private var leadsWithoutID = 0

    init(normalizer: LeadNormalizer, outputs: OutputSet, logger: Logger) {
        self.normalizer = normalizer
        self.outputs = outputs
        self.logger = logger
    }

    /// Leads written, each once.
    var uniqueLeads: Int { seen.count + leadsWithoutID }

    /// How many of the leads that existed when the latest pass began were not written; nil when the
    /// server gave no total. Leads created during a pass shift later pages (served twice, skipped
    /// here) but cannot hide an older lead, so only a lead that left the result set can make this
    /// non-zero, and another pass finds it.
    var missingCount: Int? { totalAtPassStart.map { max(0, $0 - uniqueLeads) } }

    /// - Parameter isRepair: a second pass over the window: everything already written is expected
    ///   again, so it is not counted as a duplicate, and leads without id (written the first time) are skipped.
    mutating func collect(_ pages: LeadPages, isRepair: Bool = false) async throws {
        var isFirstPage = true
        for try await page in pages {
            self.pages += 1
            if let total = page.total { serverTotal = total }
            if isFirstPage {
                totalAtPassStart = page.total
                isFirstPage = false
            }
            for lead in page.leads {
                if let id = lead["id"]?.int64Value {
                    guard seen.insert(id) else {
                        if !isRepair { duplicates += 1 }
                        continue
                    }
                } else if isRepair {
                    continue
                } else {
                    leadsWithoutID += 1
                    warnings.record(.leadWithoutID, field: "id")
                }
                if normalizer.skipsSecondaryLeads, LeadNormalizer.isSecondary(lead) {
                    secondarySkipped += 1
                    continue
                }
                try outputs.write(normalizer.normalize(lead, warnings: &warnings))
            }
            logger.debug("page written", metadata: [
                "offset": "\(page.offset)", "leads": "\(page.leads.count)", "total": "\(page.total.map(String.init) ?? "-")",
            ])
        }
    }
}
