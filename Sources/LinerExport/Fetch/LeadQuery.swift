/// The filters of a lead-list request, as sent to `GET /v2/lead/`.
public struct LeadQuery: Sendable, Equatable {
    /// Inclusive lower bound of `createdAt`.
    public var createdFrom: Timestamp
    /// Exclusive upper bound of `createdAt`; the API's bound is inclusive, so one second less is sent.
    public var createdBefore: Timestamp
    public var orderIds: [Int]
    public var statusIds: [Int]

    public init(createdFrom: Timestamp, createdBefore: Timestamp, orderIds: [Int] = [], statusIds: [Int] = []) {
        self.createdFrom = createdFrom
        self.createdBefore = createdBefore
        self.orderIds = orderIds
        self.statusIds = statusIds
    }

    /// Query items for one page, brackets percent-encoded as curl sends them.
    func queryItems(offset: Int, limit: Int) -> [(String, String)] {
        let utc = TimestampFormatter(timeZone: .gmt)
        let lastIncluded = Timestamp(millisecondsSinceEpoch: createdBefore.millisecondsSinceEpoch - 1000)
        var items = [
            ("createdAt%5B0%5D", utc.iso8601(createdFrom)),
            ("createdAt%5B1%5D", utc.iso8601(lastIncluded)),
        ]
        items += orderIds.map { ("orderIds%5B%5D", String($0)) }
        items += statusIds.map { ("statusIds%5B%5D", String($0)) }
        items += [("offset", String(offset)), ("limit", String(limit))]
        return items
    }
}
