/// Server-side filters of the lead list.
public struct FilterSpec: Sendable, Equatable {
    /// Only leads of these orders (`orderIds[]`); empty means all. Default empty.
    public var orderIds: [Int]
    /// Only leads in these statuses (`statusIds[]`); empty means all. Default empty.
    public var statusIds: [Int]
    /// Leave secondary leads (`isSecondary`, or a `previousLeadId` when that is null) out of the
    /// files. Default false: every lead, with `previousLeadId`/`nextLeadId` to link them.
    public var primaryOnly: Bool
    /// Where `statusIds` is applied. `server` (default) sends `statusIds[]`: fewer leads travel, but a
    /// lead that changes status during the run shifts the offset pages and can be skipped or doubled.
    /// `client` fetches every status and keeps the chosen ones locally: more requests, nothing skipped.
    public var statusFilter: StatusFilterSide

    /// Where a status filter is applied.
    public enum StatusFilterSide: String, Sendable, Decodable, CaseIterable { case server, client }

    /// Filters built in code, with the pipeline file's defaults (no filter at all).
    public init(
        orderIds: [Int] = [],
        statusIds: [Int] = [],
        primaryOnly: Bool = false,
        statusFilter: StatusFilterSide = .server
    ) {
        self.orderIds = orderIds
        self.statusIds = statusIds
        self.primaryOnly = primaryOnly
        self.statusFilter = statusFilter
    }
}
