/// Indices of the base leads that match a filter, computed once per distinct filter.
///
/// A filtered page needs "the k-th matching lead", which has no closed form; a sorted array
/// of matching indices makes it O(1) and a createdAt window two binary searches. Memory is
/// 4 bytes per matching lead (4 MB for a million), and at most `capacity` filters are kept:
/// when full the cache is emptied rather than tracking recency, since a benchmark or export
/// uses one or two filters.
final class MatchingIndexCache: Sendable {
    /// Filters kept at once.
    static let capacity = 8

    private let entries = Locked([LeadFilter: [Int32]]())

    /// The matching indices for `filter`, computing them on first use.
    func indices(for filter: LeadFilter, in dataset: MockDataset) -> [Int32] {
        if let cached = entries.withLock({ $0[filter] }) {
            return cached
        }
        // Computed outside the lock: two requests may race and both compute, which is only
        // wasted work, whereas holding the lock would stall every event loop.
        var matching: [Int32] = []
        for index in 0..<dataset.leadCount
        where filter.matches(statusId: dataset.statusId(at: index), orderId: dataset.orderId(at: index)) {
            matching.append(Int32(index))
        }
        entries.withLock { entries in
            if entries.count >= Self.capacity { entries.removeAll() }
            entries[filter] = matching
        }
        return matching
    }
}
