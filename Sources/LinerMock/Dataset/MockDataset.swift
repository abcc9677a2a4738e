import Foundation

/// The fake account's leads, computed on demand.
///
/// Lead `i` (id `i + 1`) is created at `firstCreatedAt + i * spacingSeconds`, or as the
/// configuration's `bursts` say: either way creation order is index order and a `createdAt`
/// window is an index range (`CreationTimeline`).
/// No lead is stored: `lead(at:)` rebuilds one from (seed, index) in O(1). Only a filtered
/// query (orderIds/statusIds) costs memory: the positions of its matching leads, 4 bytes a
/// lead, cached per distinct filter (see `MatchingIndexCache`).
public struct MockDataset: Sendable {
    /// The configuration this dataset was built from.
    public let configuration: MockDatasetConfiguration
    /// Number of base leads (ids 1...leadCount).
    public let leadCount: Int

    let timeline: CreationTimeline
    let matchingCache = MatchingIndexCache()

    /// The reference list served by `/v2/custom-field/`: ids 10...17, one field of each type.
    public static let customFields: [MockCustomField] = MockCustomField.all
    /// The reference list served by `/v2/lead-status/`: ids 10...18. Leads' statusId values
    /// are drawn from these ids with the shares in `MockLeadStatus.leadsPerMille`.
    public static let statuses: [MockLeadStatus] = MockLeadStatus.all
    /// The reference list served (paginated) by `/v2/order/`: ids 201...212. Leads' orderId
    /// values are drawn uniformly from these ids.
    public static let orders: [MockOrder] = MockOrder.all

    /// Creates the dataset described by `configuration`.
    public init(_ configuration: MockDatasetConfiguration) {
        self.configuration = configuration
        self.leadCount = max(0, configuration.leadCount)
        self.timeline = CreationTimeline(
            leadCount: leadCount, firstSeconds: Int64(configuration.firstCreatedAt.timeIntervalSince1970.rounded(.down)),
            spacingSeconds: Int64(max(0, configuration.spacingSeconds)), bursts: configuration.bursts)
    }

    /// The base lead at `index` (0..<leadCount), rebuilt from (seed, index).
    public func lead(at index: Int) -> MockLead {
        lead(at: index, statusId: nil)
    }

    /// The base lead at `index` with its status changed to `statusId` (status churn or an epoch),
    /// when given, and an epoch's other changes (`revision`).
    func lead(at index: Int, statusId changedStatus: Int?, revision: LeadRevision? = nil) -> MockLead {
        precondition(index >= 0 && index < leadCount, "lead index \(index) outside 0..<\(leadCount)")
        return MockLead(
            index: index, draws: draws(at: index), createdAtSeconds: createdAtSeconds(at: index),
            statusId: changedStatus ?? statusId(at: index), orderId: orderId(at: index), leadCount: leadCount,
            hasHugeComment: index % SampleText.hugeCommentPeriod
                == Int(configuration.seed % UInt64(SampleText.hugeCommentPeriod)),
            revision: revision)
    }

    /// The ids the server serves for this query, in order, at epoch 0 when no drift lead was inserted.
    ///
    /// Both bounds are inclusive; nil leaves that side open. Empty `orderIds`/`statusIds`
    /// do not filter. Computed by a plain scan, independent of the server's paging code.
    public func expectedLeadIDs(
        createdFrom: Date?, createdTo: Date?, orderIds: [Int] = [], statusIds: [Int] = []
    ) -> [Int] {
        let from = createdFrom.map { Int64($0.timeIntervalSince1970.rounded(.up)) }
        let to = createdTo.map { Int64($0.timeIntervalSince1970.rounded(.down)) }
        let orders = Set(orderIds)
        let statuses = Set(statusIds)
        var ids: [Int] = []
        for index in indexRange(fromSeconds: from, toSeconds: to) {
            if !orders.isEmpty && !orders.contains(orderId(at: index)) { continue }
            if !statuses.isEmpty && !statuses.contains(statusId(at: index)) { continue }
            ids.append(index + 1)
        }
        return ids
    }

    // MARK: Per-lead attributes that queries need without building the lead

    func draws(at index: Int) -> LeadDraws {
        LeadDraws(seed: configuration.seed, index: index)
    }

    func createdAtSeconds(at index: Int) -> Int64 {
        timeline.createdAtSeconds(at: index)
    }

    func statusId(at index: Int) -> Int {
        MockLeadStatus.all[pickBucket(draws(at: index).perMille(.status), MockLeadStatus.weights)].id
    }

    func orderId(at index: Int) -> Int {
        MockOrder.all[draws(at: index).below(MockOrder.all.count, .order)].id
    }

    // MARK: Time windows

    /// How many base leads are created at or before `seconds` (they are indices 0..<result).
    func countCreated(atOrBefore seconds: Int64) -> Int {
        timeline.countCreated(atOrBefore: seconds)
    }

    /// The indices created within [fromSeconds, toSeconds] (inclusive; nil is open).
    func indexRange(fromSeconds: Int64?, toSeconds: Int64?) -> Range<Int> {
        let lower = fromSeconds.map { countCreated(atOrBefore: $0 - 1) } ?? 0
        let upper = toSeconds.map { countCreated(atOrBefore: $0) } ?? leadCount
        return lower..<max(lower, upper)
    }
}
