import LinerJSON

/// Where a window's leads go as they are fetched, in order.
protocol LeadSink: AnyObject {
    /// - Parameter prepared: the lead normalized ahead of its turn, when the fetcher was asked to.
    func append(_ lead: JSONObject, prepared: PreparedLead?) throws
    /// The window came out complete and consistent.
    func complete() throws
    /// The window is abandoned: it is split into smaller ones, or the run failed.
    func discard()
}

/// A lead normalized ahead of its turn, in its page's own task (so normalization spreads over the
/// cores). The collector decides in order whether it is written — it may be a duplicate or filtered
/// out — and only then counts its warnings or raises its error.
struct PreparedLead: Sendable {
    let record: Result<Record, any Error>
    let warnings: NormalizationWarnings

    /// Normalizes every lead of `page`, in the page's order.
    static func prepare(_ page: LeadPage, with normalizer: LeadNormalizer) -> [PreparedLead] {
        page.leads.map { lead in
            var warnings = NormalizationWarnings()
            let record = Result { try normalizer.normalize(lead, warnings: &warnings) }
            return PreparedLead(record: record, warnings: warnings)
        }
    }
}
