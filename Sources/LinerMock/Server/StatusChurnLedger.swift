/// Base leads whose status changed "while the export runs", and when the next change is due.
final class StatusChurnLedger: Sendable {
    private struct State {
        var numberedRequests = 0
        /// Dataset index → current status, for the leads that changed.
        var statuses: [Int: Int] = [:]
    }

    private let every: Int
    private let seed: UInt64
    private let state = Locked(State())

    init(every: Int, seed: UInt64) {
        self.every = every
        self.seed = seed
    }

    /// Counts one lead-list request, moves one lead of `window` (dataset indices) to another status
    /// when a change is due, and returns the current status of every lead that changed.
    func advance(window: Range<Int>, dataset: MockDataset) -> [Int: Int] {
        state.withLock { state in
            guard every > 0 else { return state.statuses }
            state.numberedRequests += 1
            guard state.numberedRequests % every == 0, !window.isEmpty else { return state.statuses }
            let draw = SeededHash.mix(SeededHash.base(seed: seed ^ 0x5157_A7C5_0C0F_FEE1, position: UInt64(state.numberedRequests)))
            let index = window.lowerBound + Int(draw % UInt64(window.count))
            let ids = MockLeadStatus.all.map(\.id)
            let current = state.statuses[index] ?? dataset.statusId(at: index)
            let position = ids.firstIndex(of: current) ?? 0
            state.statuses[index] = ids[(position + 1 + Int((draw >> 32) % UInt64(ids.count - 1))) % ids.count]
            return state.statuses
        }
    }

    /// The ids (index + 1) of the leads that changed status so far.
    var changedLeadIDs: Set<Int> { state.withLock { Set($0.statuses.keys.map { $0 + 1 }) } }
}
