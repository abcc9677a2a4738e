/// What a changes run found, for the summary, the manifest and the metrics textfile.
public struct ChangeCounts: Sendable, Equatable, Encodable {
    /// Rows of the change set by type.
    public var created = 0
    public var updated = 0
    public var archived = 0
    /// Tracked leads read again with the values last published.
    public var unchanged = 0
    /// Leads tracked from now on (the new generation of tracked leads).
    public var tracked = 0
    /// Tracked leads the rescan no longer served, looked up one by one (`/v2/lead/detail/{id}/`).
    public var lookedUp = 0
    /// Of those, leads that no longer match the pipeline's filters: `updated` rows, no longer tracked.
    public var leftFilters = 0
    /// Of those, leads the rescan should have served (they match the filters): tracked as read.
    public var missedByRescan = 0
    /// Tracked leads created before the rescan range's new start: dropped without a row.
    public var leftRescanRange = 0

    /// Rows of the change set.
    public var rows: Int { created + updated + archived }

    /// `changes: 12 created, 40 updated, 3 archived, 9945 unchanged; 10000 tracked, 35 looked up (…)`.
    var text: String {
        var details: [String] = []
        if leftFilters > 0 { details.append("\(leftFilters) no longer match the filters") }
        if missedByRescan > 0 { details.append("\(missedByRescan) missed by the rescan") }
        if leftRescanRange > 0 { details.append("\(leftRescanRange) left the rescan range") }
        return "changes: \(created) created, \(updated) updated, \(archived) archived, \(unchanged) unchanged; "
            + "\(tracked) tracked, \(lookedUp) looked up" + (details.isEmpty ? "" : " (" + details.joined(separator: ", ") + ")")
    }

    /// Counts one lead's comparison.
    mutating func count(_ change: ChangeRow?) {
        switch change?.type {
        case nil: unchanged += 1
        case .created: created += 1
        case .updated: updated += 1
        case .archived: archived += 1
        }
    }
}
