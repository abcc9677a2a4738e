/// The drift leads inserted so far, and the bookkeeping of when the next one is due.
final class DriftLedger: Sendable {
    private struct State {
        var numberedRequests = 0
        var pendingInsertions = 0
        /// Sorted by `DriftLead.sorts(before:)`.
        var leads: [DriftLead] = []
    }

    private let driftEvery: Int
    private let state = Locked(State())

    init(driftEvery: Int) {
        self.driftEvery = driftEvery
    }

    /// Counts one lead-list request, inserts a drift lead if one is due and this query can
    /// take it, and returns the sequence the query serves afterwards.
    ///
    /// - Parameters:
    ///   - epochLeads: the leads the account's epochs created (sorted), served like drift leads.
    ///   - epochLeadCount: how many leads epochs created, archived ones included; drift's indices follow.
    /// - Returns: the served sequence and whether a lead was inserted by this request.
    func serve(
        _ query: LeadListQuery, base: BaseLeadSequence, dataset: MockDataset, epochLeads: [DriftLead] = [],
        epochLeadCount: Int = 0
    ) -> (ServedLeadSequence, inserted: Bool) {
        state.withLock { state in
            var selected = state.leads.filter { query.selects($0) }
            for lead in epochLeads where query.selects(lead) {
                selected.insert(lead, at: selected.firstIndex { lead.sorts(before: $0) } ?? selected.count)
            }
            guard driftEvery > 0 else {
                return (ServedLeadSequence(base: base, drift: selected), false)
            }
            state.numberedRequests += 1
            if state.numberedRequests % driftEvery == 0 {
                state.pendingInsertions += 1
            }
            let served = ServedLeadSequence(base: base, drift: selected)
            guard state.pendingInsertions > 0,
                let lead = Self.insertion(for: query, into: served, dataset: dataset, index: dataset.leadCount + epochLeadCount + state.leads.count)
            else {
                return (served, false)
            }
            state.pendingInsertions -= 1
            state.leads.insert(lead, at: state.leads.firstIndex { lead.sorts(before: $0) } ?? state.leads.count)
            selected.insert(lead, at: selected.firstIndex { lead.sorts(before: $0) } ?? selected.count)
            return (ServedLeadSequence(base: base, drift: selected), true)
        }
    }

    /// Every drift lead inserted so far, in served order.
    var leads: [DriftLead] {
        state.withLock { $0.leads }
    }

    /// A lead that `query` selects and that sorts before position `offset` (clamped to the
    /// total): created a minute before the lead just before that position, but not before the
    /// window starts. Nil when there is no room (offset 0, or that lead opens the window).
    private static func insertion(
        for query: LeadListQuery, into served: ServedLeadSequence, dataset: MockDataset, index: Int
    ) -> DriftLead? {
        let position = min(query.offset, served.count)
        guard position >= 1 else { return nil }
        let anchor = served.createdAtSeconds(at: position - 1, in: dataset)
        var createdAt = anchor - 60
        if let from = query.fromSeconds, createdAt < from {
            createdAt = from
        }
        guard createdAt < anchor else { return nil }
        // Everything at or after position - 1 is created at or after `anchor` > createdAt, so
        // the new lead lands at position - 1 or earlier: the lead that was at position - 1 moves
        // to `position`, and the client's next page serves it a second time.
        return DriftLead(
            index: index, createdAtSeconds: createdAt,
            statusId: query.filter.statusIds.first ?? dataset.statusId(at: index),
            orderId: query.filter.orderIds.first ?? dataset.orderId(at: index))
    }
}
