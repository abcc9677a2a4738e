/// The orderIds/statusIds part of a lead-list query, normalised (sorted, unique) so equal
/// filters share one cache entry.
struct LeadFilter: Hashable, Sendable {
    /// Wanted order ids; empty means any order.
    let orderIds: [Int]
    /// Wanted status ids; empty means any status.
    let statusIds: [Int]

    init(orderIds: [Int], statusIds: [Int]) {
        self.orderIds = Array(Set(orderIds)).sorted()
        self.statusIds = Array(Set(statusIds)).sorted()
    }

    /// True when the filter lets every lead through.
    var isEmpty: Bool { orderIds.isEmpty && statusIds.isEmpty }

    func matches(statusId: Int, orderId: Int) -> Bool {
        (orderIds.isEmpty || orderIds.contains(orderId)) && (statusIds.isEmpty || statusIds.contains(statusId))
    }
}
