/// Server-side filters of the lead list.
public struct FilterSpec: Sendable, Decodable {
    /// Only leads of these orders (`orderIds[]`); empty means all.
    public var orderIds: [Int] = []
    /// Only leads in these statuses (`statusIds[]`); empty means all.
    public var statusIds: [Int] = []
    /// Leave secondary leads (`isSecondary`, or a `previousLeadId` when that is null) out of the
    /// files. Default false: every lead, with `previousLeadId`/`nextLeadId` to link them.
    public var primaryOnly = false

    private enum CodingKeys: String, CodingKey, CaseIterable { case orderIds, statusIds, primaryOnly }

    public init() {}

    public init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        orderIds = try container.decodeIfPresent([Int].self, forKey: .orderIds) ?? []
        statusIds = try container.decodeIfPresent([Int].self, forKey: .statusIds) ?? []
        primaryOnly = try container.decodeIfPresent(Bool.self, forKey: .primaryOnly) ?? false
    }
}
