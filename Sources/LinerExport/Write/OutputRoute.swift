/// Which of a run's outputs one record goes to, by their `content`.
struct OutputRoute: Sendable {
    /// The outputs of the run's window.
    var window = true
    /// The snapshot outputs (the tracked rescan range).
    var snapshot = false
    /// The record's row in the change set; nil when the lead did not change.
    var change: ChangeRow?

    /// Whether `content`'s outputs take the record.
    func includes(_ content: OutputContent) -> Bool {
        switch content {
        case .window: return window
        case .snapshot: return snapshot
        case .changes: return change != nil
        }
    }
}
