/// What the account's epochs changed in one base lead: its latest values. A nil field still has
/// the value the lead was generated with; `updatedAtSeconds` is the instant of the latest change.
struct LeadRevision: Sendable, Equatable {
    var statusId: Int?
    var sourceComment: String?
    /// The value of custom field 10 (a string field) in `customValues`.
    var budget: String?
    var updatedAtSeconds: Int64
}
