import LinerJSON

/// Changes capture's record sink: compares each tracked lead with the version the last successful run
/// published (`TrackedLeads`), sends it to the outputs it belongs in (the window's, the snapshot, the
/// change set when it is new or changed) and keeps it in the next generation (`TrackedLeadsWriter`).
///
/// Untracked leads (outside the rescan range, or without an id) go to the window's and snapshot outputs
/// as they are. Tracked leads the rescan did not serve are settled afterwards (`settleUnseen`).
final class ChangeTracker: RecordSink {
    let outputs: OutputSet
    private(set) var comparison: TrackedComparison
    private let layout: ColumnLayout
    let next: TrackedLeadsWriter
    let range: TrackedRange
    let dates: TimestampParser
    var counts = ChangeCounts()

    init(outputs: OutputSet, layout: ColumnLayout, previous: TrackedLeads, next: TrackedLeadsWriter, range: TrackedRange, dates: TimestampParser) {
        self.outputs = outputs
        comparison = TrackedComparison(previous: previous, layout: layout)
        self.layout = layout
        self.next = next
        self.range = range
        self.dates = dates
    }

    var previous: TrackedLeads { comparison.previous }

    /// Lets the last success's tracked leads go once every lead is settled: their index (24 bytes a
    /// lead) is then not held while the next generation's is sorted.
    func releasePrevious() {
        comparison = TrackedComparison(previous: .empty(columnKeys: comparison.columnKeys), layout: layout)
    }

    func write(_ lead: KeptLead, rejects: [RejectedValue]) throws -> Bool {
        guard lead.placement.isTracked, let id = lead.id else {
            let route = OutputRoute(window: lead.placement.inWindow, snapshot: lead.placement.isTracked)
            return try outputs.write(lead.record, leadID: lead.id, rejects: rejects, route: route)
        }
        let fingerprint = RecordCodec.fingerprint(of: lead.record)
        let change = try comparison.change(of: lead.record, id: id, fingerprint: fingerprint)
        counts.count(change)
        try next.append(id: id, createdAt: createdAtMilliseconds(lead), record: lead.record, fingerprint: fingerprint)
        counts.tracked += 1
        let route = OutputRoute(window: lead.placement.inWindow, snapshot: true, change: change)
        return try outputs.write(lead.record, leadID: id, rejects: rejects, route: route)
    }

    func reject(leadID: Int64?, rejects: [RejectedValue]) throws {
        try outputs.reject(leadID: leadID, rejects: rejects)
    }

    /// When the lead was created, for dropping it once it falls behind the rescan range: its
    /// `createdAt`, or the window's end when that cannot be read (it is then looked up, not dropped,
    /// when a rescan misses it, until the rescan range has moved past the whole window).
    private func createdAtMilliseconds(_ lead: KeptLead) -> Int64 {
        createdAt(lead.createdAt)?.millisecondsSinceEpoch ?? range.window.to.millisecondsSinceEpoch
    }

    /// A lead's `createdAt` as the API sent it, read; nil when it cannot be.
    func createdAt(_ value: JSONValue?) -> Timestamp? {
        switch value {
        case .string(let text)?: return dates.parse(text)
        case .number(let literal)?: return Double(literal).flatMap { dates.parse(unixNumber: $0) }
        default: return nil
        }
    }
}
