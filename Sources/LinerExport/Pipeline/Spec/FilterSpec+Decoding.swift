/// Reading `filters` from a pipeline file: absent keys take the defaults of `init(orderIds:...)`.
extension FilterSpec: Decodable {
    private enum CodingKeys: String, CodingKey, CaseIterable { case orderIds, statusIds, primaryOnly, statusFilter }

    public init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init()
        orderIds = try container.decodeIDs(forKey: .orderIds) ?? orderIds
        statusIds = try container.decodeIDs(forKey: .statusIds) ?? statusIds
        primaryOnly = try container.decodeIfPresent(Bool.self, forKey: .primaryOnly) ?? primaryOnly
        statusFilter = try container.decodeCase(StatusFilterSide.self, forKey: .statusFilter) ?? statusFilter
    }
}
