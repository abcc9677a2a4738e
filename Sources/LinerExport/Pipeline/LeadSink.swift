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

/// Where the collector writes the records it keeps, in order: the run's outputs, or a preview's rows.
protocol RecordSink: AnyObject {
    /// Writes one lead's record.
    /// - Parameter leadID: the lead's id; nil when it has none.
    /// - Parameter rejects: the warnings the lead raised, with their values (empty unless the run keeps rejects).
    func write(_ record: Record, leadID: Int64?, rejects: [RejectedValue]) throws
    /// Takes the warnings of a lead that is not written (a secondary lead left out after it raised one).
    func reject(leadID: Int64?, rejects: [RejectedValue]) throws
}

extension OutputSet: RecordSink {}
