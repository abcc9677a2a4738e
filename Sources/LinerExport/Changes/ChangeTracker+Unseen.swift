import LinerJSON
import Logging

extension ChangeTracker {
    /// How the tracker looks up and reads the leads the rescan did not serve.
    struct Lookup {
        /// The detail of each id, in order; nil for a lead the server no longer has (404).
        let details: ([Int64]) async throws -> [JSONObject?]
        /// Whether a lead matches the pipeline's filters (orders, statuses, primary leads only).
        let matchesFilters: (JSONObject) -> Bool
        let stage: NormalizeStage
        /// Takes the warnings of the looked-up leads that were written.
        let collector: LeadCollector
        let logger: Logger
    }

    /// How many ids go to the server between two writes: bounds the leads held at once.
    static let lookupBatch = 1000

    /// Settles every tracked lead the rescan did not serve, after a complete, clean rescan: one created
    /// before the rescan range's new start is dropped; any other is looked up by id. A 404 is an
    /// `archived` row with the values last published; a lead that is returned and no longer matches the
    /// filters is an `updated` row with its new values (and is no longer tracked); one that still
    /// matches them was missed by the rescan, and is handled as if it had been served.
    func settleUnseen(_ lookup: Lookup) async throws {
        var candidates: [(index: Int, id: Int64)] = []
        let rescanFrom = range.rescanFrom?.millisecondsSinceEpoch ?? range.window.from.millisecondsSinceEpoch
        for index in previous.unseenIndices {
            if try previous.values(at: index).createdAt < rescanFrom {
                counts.leftRescanRange += 1
            } else {
                candidates.append((index, previous.id(at: index)))
            }
        }
        guard !candidates.isEmpty else { return }
        lookup.logger.info("looking up tracked leads the rescan did not serve", metadata: ["leads": .stringConvertible(candidates.count)])
        candidates.sort { $0.id < $1.id }
        var start = 0
        while start < candidates.count {
            let batch = candidates[start..<min(start + Self.lookupBatch, candidates.count)]
            let leads = try await lookup.details(batch.map(\.id))
            counts.lookedUp += batch.count
            for (candidate, lead) in zip(batch, leads) {
                try settle(candidate.index, id: candidate.id, lead: lead, lookup)
            }
            start += Self.lookupBatch
        }
    }

    private func settle(_ index: Int, id: Int64, lead: JSONObject?, _ lookup: Lookup) throws {
        guard let lead else {
            counts.count(ChangeRow(type: .archived))
            let route = OutputRoute(window: false, change: ChangeRow(type: .archived))
            try outputs.write(comparison.previousRecord(at: index), leadID: id, rejects: [], route: route)
            return
        }
        var warnings = NormalizationWarnings(keepsRejects: lookup.stage.keepsRejects)
        let record = try lookup.stage.normalize(lead, warnings: &warnings)
        let written: Bool
        if let placement = placement(of: lead, lookup) {
            counts.missedByRescan += 1
            lookup.logger.warning("the rescan did not serve a lead it should have; tracked as looked up", metadata: ["id": .stringConvertible(id)])
            written = try write(KeptLead(record: record, id: id, placement: placement, createdAt: lead["createdAt"]), rejects: warnings.takeRejects())
        } else {
            counts.leftFilters += 1
            let change = ChangeRow(type: .updated, changedFields: try comparison.changedFields(record, previousAt: index))
            counts.count(change)
            written = try outputs.write(record, leadID: id, rejects: warnings.takeRejects(), route: OutputRoute(window: false, change: change))
        }
        if written { lookup.collector.merge(warnings) }
    }

    /// Where a looked-up lead belongs when it still matches the pipeline's filters and the rescan range
    /// (a `createdAt` that cannot be read counts as inside it); nil when it no longer does.
    private func placement(of lead: JSONObject, _ lookup: Lookup) -> WindowPlacement? {
        guard lookup.matchesFilters(lead) else { return nil }
        guard let created = createdAt(lead["createdAt"]) else { return WindowPlacement(inWindow: false, isTracked: true) }
        guard let rescanFrom = range.rescanFrom, created >= rescanFrom, created < range.window.to else { return nil }
        return WindowPlacement(inWindow: created >= range.window.from, isTracked: true)
    }
}
