/// One slice `[from, to)` of the export's range, fetched, checked and checkpointed on its own.
struct FetchWindow: Codable, Sendable, Equatable {
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

    /// Two halves split on a whole second (the API's bounds are whole seconds); nil when too short.
    func halves() -> (FetchWindow, FetchWindow)? {
        let middle = (fromMilliseconds + (toMilliseconds - fromMilliseconds) / 2) / 1000 * 1000
        guard middle > fromMilliseconds, middle < toMilliseconds else { return nil }
        return (
            FetchWindow(from: from, to: Timestamp(millisecondsSinceEpoch: middle)),
            FetchWindow(from: Timestamp(millisecondsSinceEpoch: middle), to: to)
        )
    }

    func query(orderIds: [Int], statusIds: [Int]) -> LeadQuery {
        LeadQuery(createdFrom: from, createdBefore: to, orderIds: orderIds, statusIds: statusIds)
    }
}
