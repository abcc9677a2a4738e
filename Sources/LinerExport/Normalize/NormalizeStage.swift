import LinerJSON

/// The normalize stage: a lead in, its record and the warnings it raised out.
///
/// Every way a lead reaches the outputs goes through `prepare`: a page normalized in its own task as
/// it arrives (a run without a state file), a spooled window replayed (a run with one), and `preview`.
struct NormalizeStage: Sendable {
    let normalizer: LeadNormalizer

    /// The column layout every record of this stage has.
    var layout: ColumnLayout { normalizer.layout }

    /// Normalizes one lead; a failure is kept in the result, raised only if the lead is written.
    func prepare(_ lead: JSONObject) -> PreparedLead {
        var warnings = NormalizationWarnings()
        let record = Result { try normalizer.normalize(lead, warnings: &warnings) }
        return PreparedLead(record: record, warnings: warnings)
    }

    /// Normalizes every lead of `page`, in the page's order.
    func prepare(_ page: LeadPage) -> [PreparedLead] {
        page.leads.map(prepare)
    }
}

/// A lead normalized, possibly ahead of its turn in its page's own task (so normalization spreads
/// over the cores). The collector decides in order whether it is written — it may be a duplicate or
/// filtered out — and only then counts its warnings or raises its error.
struct PreparedLead: Sendable {
    let record: Result<Record, any Error>
    let warnings: NormalizationWarnings
}
