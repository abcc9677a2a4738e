/// Server-side filters of the lead list.
public struct FilterSpec: Sendable, Decodable {
    /// Only leads of these orders (`orderIds[]`); empty means all.
    public var orderIds: [Int] = []
    /// Only leads in these statuses (`statusIds[]`); empty means all.
    public var statusIds: [Int] = []
    /// Leave secondary leads (`isSecondary`, or a `previousLeadId` when that is null) out of the
    /// files. Default false: every lead, with `previousLeadId`/`nextLeadId` to link them.
    public var primaryOnly = false
    /// Where `statusIds` is applied. `server` (default) sends `statusIds[]`: fewer leads travel, but a
    /// lead that changes status during the run shifts the offset pages and can be skipped or doubled.
    /// `client` fetches every status and keeps the chosen ones locally: more requests, nothing skipped.
    public var statusFilter: StatusFilterSide = .server

    /// Where a status filter is applied.
    public enum StatusFilterSide: String, Sendable, Decodable, CaseIterable { case server, client }

    private enum CodingKeys: String, CodingKey, CaseIterable { case orderIds, statusIds, primaryOnly, statusFilter }

    public init() {}

    public init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        orderIds = try container.decodeIfPresent([Int].self, forKey: .orderIds) ?? []
        statusIds = try container.decodeIfPresent([Int].self, forKey: .statusIds) ?? []
        primaryOnly = try container.decodeIfPresent(Bool.self, forKey: .primaryOnly) ?? false
        if let side = try container.decodeIfPresent(String.self, forKey: .statusFilter) {
            guard let parsed = StatusFilterSide(rawValue: side) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .statusFilter, in: container, debugDescription: "expected one of server, client, got \"\(side)\"")
            }
            statusFilter = parsed
        }
    }
}
