/// What a lead-list query serves: its base leads merged with the drift leads it selects,
/// ordered by creation time then id, addressable by position.
///
/// Drift leads are few, so their merged positions are computed up front
/// (`position_j = base leads at or before its time + j`: a drift id is larger than every
/// base id, so on a tie the base lead comes first); everything else is arithmetic on the base.
struct ServedLeadSequence {
    /// One served lead.
    enum Entry {
        case base(index: Int)
        case drift(DriftLead)
    }

    let base: BaseLeadSequence
    private let drift: [DriftLead]
    private let driftPositions: [Int]

    /// - Parameter drift: drift leads the query selects, sorted by `DriftLead.sorts(before:)`.
    init(base: BaseLeadSequence, drift: [DriftLead]) {
        self.base = base
        self.drift = drift
        self.driftPositions = drift.enumerated().map { offset, lead in
            base.countCreated(atOrBefore: lead.createdAtSeconds) + offset
        }
    }

    /// Number of leads the query matches: the `total` of a page.
    var count: Int { base.count + drift.count }

    /// The leads at positions offset..<offset+limit (fewer at the end).
    func entries(offset: Int, limit: Int) -> [Entry] {
        guard offset < count, limit > 0 else { return [] }
        var driftCursor = driftPositions.firstIndex { $0 >= offset } ?? drift.count
        // Merged positions before `offset` hold `driftCursor` drift leads; the rest are base.
        var basePosition = offset - driftCursor
        var entries: [Entry] = []
        entries.reserveCapacity(min(limit, count - offset))
        var position = offset
        while entries.count < limit && position < count {
            if driftCursor < drift.count && driftPositions[driftCursor] == position {
                entries.append(.drift(drift[driftCursor]))
                driftCursor += 1
            } else {
                entries.append(.base(index: base.leadIndex(at: basePosition)))
                basePosition += 1
            }
            position += 1
        }
        return entries
    }

    /// The creation time of the lead at `position` (0..<count).
    func createdAtSeconds(at position: Int, in dataset: MockDataset) -> Int64 {
        switch entries(offset: position, limit: 1)[0] {
        case .base(let index): return dataset.createdAtSeconds(at: index)
        case .drift(let lead): return lead.createdAtSeconds
        }
    }
}
