import Foundation

/// The account moved forward in time: epochs' instants and the ground truth of what they changed.
extension MockDataset {
    /// The account's "now" at `epoch`: `epochZeroAt` (default: two days after the last base lead
    /// was created) plus `epoch` steps of `epochStepSeconds`.
    public func epochInstant(_ epoch: Int) -> Date {
        Date(timeIntervalSince1970: TimeInterval(epochInstantSeconds(epoch)))
    }

    /// What moved between epochs `from` and `to` (`from <= to`; both at least 0): leads created,
    /// updated (with the fields that differ) and archived. A pure function of the seed, the same
    /// whatever a server has served.
    ///
    /// `createdFrom`/`createdTo` keep only the leads created in that window (inclusive, nil is
    /// open, whole seconds as the lead list rounds them): what re-reading that range can see.
    public func changes(from: Int, to: Int, createdFrom: Date? = nil, createdTo: Date? = nil) -> MockAccountChanges {
        precondition(0 <= from && from <= to, "changes(from: \(from), to: \(to)): need 0 <= from <= to")
        let old = AccountEpoch(dataset: self, epoch: from)
        var new = old
        new.advance(to: to, in: self)
        let changes = MockAccountChanges(from: old, to: new, in: self)
        guard createdFrom != nil || createdTo != nil else { return changes }
        let lower = createdFrom.map { Int64($0.timeIntervalSince1970.rounded(.up)) } ?? .min
        let upper = createdTo.map { Int64($0.timeIntervalSince1970.rounded(.down)) } ?? .max
        let newLeadsCreatedAt = Dictionary(
            (old.createdLeads + new.createdLeads).map { ($0.id, $0.createdAtSeconds) }, uniquingKeysWith: { first, _ in first })
        return changes.filter { id in
            let seconds = id <= leadCount ? createdAtSeconds(at: id - 1) : newLeadsCreatedAt[id] ?? .min
            return lower <= seconds && seconds <= upper
        }
    }

    func epochInstantSeconds(_ epoch: Int) -> Int64 {
        let zero = configuration.epochZeroAt.map { Int64($0.timeIntervalSince1970.rounded(.down)) }
            ?? (leadCount > 0 ? createdAtSeconds(at: leadCount - 1) : timeline.firstSeconds) + 2 * 86_400
        return zero + Int64(epoch) * Int64(max(60, configuration.epochStepSeconds))
    }
}
