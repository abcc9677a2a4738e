/// One slice `[from, to)` of the export's range, fetched, checked and checkpointed on its own.
struct FetchWindow: Codable, Sendable, Hashable {
    var fromMilliseconds: Int64
    var toMilliseconds: Int64

    init(from: Timestamp, to: Timestamp) {
        fromMilliseconds = from.millisecondsSinceEpoch
        toMilliseconds = to.millisecondsSinceEpoch
    }

    var from: Timestamp { Timestamp(millisecondsSinceEpoch: fromMilliseconds) }
    var to: Timestamp { Timestamp(millisecondsSinceEpoch: toMilliseconds) }

    /// The spool file name: stable across runs, so a resumed run finds what an earlier one fetched.
    var spoolName: String { "\(fromMilliseconds)-\(toMilliseconds).jsonl" }

    /// Up to `count` contiguous pieces of equal length cut on whole seconds (the API's bounds are
    /// whole seconds); nil when the window is too short to cut at all.
    func pieces(_ count: Int) -> [FetchWindow]? {
        let span = toMilliseconds - fromMilliseconds
        var cuts: [Int64] = []
        for index in 1..<Int64(max(2, count)) {
            let cut = (fromMilliseconds + span * index / Int64(max(2, count))) / 1000 * 1000
            if cut > (cuts.last ?? fromMilliseconds), cut < toMilliseconds { cuts.append(cut) }
        }
        guard !cuts.isEmpty else { return nil }
        let bounds = [fromMilliseconds] + cuts + [toMilliseconds]
        return zip(bounds, bounds.dropFirst()).map {
            FetchWindow(from: Timestamp(millisecondsSinceEpoch: $0), to: Timestamp(millisecondsSinceEpoch: $1))
        }
    }

    func query(orderIds: [Int], statusIds: [Int]) -> LeadQuery {
        LeadQuery(createdFrom: from, createdBefore: to, orderIds: orderIds, statusIds: statusIds)
    }
}
