/// A lead created after the base leads: either "while the export runs", inserted by drift into a
/// window the client is paging through, or by an account epoch (`AccountEpoch`). Its content comes
/// from the dataset generator at `index` (ids continue after the base leads). A drift lead's time,
/// status and order are chosen so the query that inserted it selects it, before the page the
/// client asked for.
struct DriftLead: Sendable, Equatable {
    /// `leadCount + k` for the k-th lead created after the base leads (epochs' first, then drift's);
    /// its id is `index + 1`.
    let index: Int
    let createdAtSeconds: Int64
    /// Changed by an epoch (`AccountEpoch`) for its own leads.
    var statusId: Int
    let orderId: Int
    /// An epoch's lead: its step's instant, which its `updatedAt` does not pass (nil for drift).
    var updatedAtMostSeconds: Int64?

    var id: Int { index + 1 }

    /// True when the served order (creation time, then id) puts `self` before `other`.
    func sorts(before other: DriftLead) -> Bool {
        (createdAtSeconds, index) < (other.createdAtSeconds, other.index)
    }

    /// - Parameter revision: an epoch's changes to this lead, if any.
    func makeLead(in dataset: MockDataset, revision: LeadRevision? = nil) -> MockLead {
        MockLead(
            index: index, draws: dataset.draws(at: index), createdAtSeconds: createdAtSeconds,
            statusId: statusId, orderId: orderId, leadCount: dataset.leadCount, hasHugeComment: false,
            revision: revision, updatedAtMostSeconds: updatedAtMostSeconds)
    }
}
