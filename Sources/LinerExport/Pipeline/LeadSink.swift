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

/// A lead the collector keeps: its record, its id, and where it belongs.
struct KeptLead {
    var record: Record
    /// Nil when the lead has none.
    var id: Int64?
    var placement: WindowPlacement
    /// The lead's `createdAt` as it came (tracking keeps it); nil when it has none.
    var createdAt: JSONValue?
}

/// Where the collector writes the records it keeps, in order: the run's outputs (through the change
/// tracker with changes capture), or a preview's rows.
protocol RecordSink: AnyObject {
    /// Writes one lead's record where it belongs.
    /// - Parameter rejects: the warnings the lead raised, with their values (empty unless the run keeps rejects).
    /// - Returns: whether the record went anywhere: a tracked lead outside the window that did not
    ///   change goes nowhere (the snapshot aside), and its warnings are not the run's.
    func write(_ lead: KeptLead, rejects: [RejectedValue]) throws -> Bool
    /// Takes the warnings of a lead that is not written (a secondary lead left out after it raised one).
    func reject(leadID: Int64?, rejects: [RejectedValue]) throws
}

extension OutputSet: RecordSink {
    /// A run without changes capture: every kept lead is the window's.
    func write(_ lead: KeptLead, rejects: [RejectedValue]) throws -> Bool {
        try write(lead.record, leadID: lead.id, rejects: rejects, route: OutputRoute(window: lead.placement.inWindow))
    }
}
