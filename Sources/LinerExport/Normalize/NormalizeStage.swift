import LinerJSON

/// The normalize stage: a lead in, its record and the warnings it raised out.
///
/// Every way a lead reaches the outputs goes through here: `prepare` for a page normalized in its own
/// task as it arrives (a run without a state file), `normalize` for a spooled window replayed (a run
/// with one) and for `preview`.
struct NormalizeStage: Sendable {
    let normalizer: LeadNormalizer
    /// Keep each warning with its value, for the rejects file.
    var keepsRejects = false

    /// The column layout every record of this stage has.
    var layout: ColumnLayout { normalizer.layout }

    /// Normalizes one lead, adding the warnings it raises to `warnings`: for a lead written in its turn.
    func normalize(_ lead: JSONObject, warnings: inout NormalizationWarnings) throws -> Record {
        try normalizer.normalize(lead, warnings: &warnings)
    }

    /// Normalizes one lead ahead of its turn; a failure is kept in the result, raised only if the lead
    /// is written, and its warnings are counted only then.
    func prepare(_ lead: JSONObject) -> PreparedLead {
        var warnings = NormalizationWarnings(keepsRejects: keepsRejects)
        let record = Result { try normalize(lead, warnings: &warnings) }
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
