/// A validated `GET /v2/lead/` query.
struct LeadListQuery: Sendable {
    /// Largest page the server returns; larger limits are clamped to it.
    static let maximumLimit = 100
    /// Page size when `limit` is absent.
    static let defaultLimit = 50

    /// Inclusive lower bound in whole seconds (a fractional bound is rounded up), or nil.
    var fromSeconds: Int64?
    /// Inclusive upper bound in whole seconds (a fractional bound is rounded down), or nil.
    var toSeconds: Int64?
    var filter = LeadFilter(orderIds: [], statusIds: [])
    var offset = 0
    var limit = LeadListQuery.defaultLimit

    /// Parses the query; the error names the offending parameter as it arrived (decoded).
    ///
    /// Accepted: `createdAt[0]`, `createdAt[1]` (or `createdAt[]` twice, as PHP numbers them),
    /// `orderIds[]` / `orderIds[N]` / `orderIds` and the same for `statusIds`, `offset`,
    /// `limit`. Other parameters are ignored. An empty createdAt bound counts as absent.
    static func parse(_ parameters: QueryParameters) -> Result<LeadListQuery, BadParameter> {
        var query = LeadListQuery()
        var orderIds: [Int] = []
        var statusIds: [Int] = []
        var createdAtAppended = 0
        for (name, value) in parameters.pairs {
            let base = name.firstIndex(of: "[").map { name[..<$0] } ?? Substring(name)
            let subscriptText = name.firstIndex(of: "[").map { name[$0...] } ?? ""
            switch base {
            case "createdAt":
                let slot: Int
                switch subscriptText {
                case "[0]": slot = 0
                case "[1]": slot = 1
                case "[]":
                    slot = createdAtAppended
                    createdAtAppended += 1
                default: continue
                }
                guard !value.isEmpty else { continue }
                guard let timestamp = ISO8601Timestamp(parsing: Substring(value)) else {
                    return .failure(BadParameter(name: name, value: value, expected: "an ISO 8601 date-time with Z or an offset, e.g. 2024-01-31T23:59:59Z"))
                }
                if slot == 0 {
                    query.fromSeconds = timestamp.ceilingSeconds
                } else if slot == 1 {
                    query.toSeconds = timestamp.seconds
                }
            case "orderIds", "statusIds":
                guard subscriptText.isEmpty || subscriptText == "[]" || isNumericSubscript(subscriptText) else { continue }
                guard let id = Int(value) else {
                    return .failure(BadParameter(name: name, value: value, expected: "an integer id"))
                }
                if base == "orderIds" { orderIds.append(id) } else { statusIds.append(id) }
            case "offset" where subscriptText.isEmpty:
                guard let offset = Int(value), offset >= 0 else {
                    return .failure(BadParameter(name: name, value: value, expected: "a non-negative integer"))
                }
                query.offset = offset
            case "limit" where subscriptText.isEmpty:
                guard let limit = Int(value), limit >= 1 else {
                    return .failure(BadParameter(name: name, value: value, expected: "an integer of at least 1 (at most 100 are returned)"))
                }
                query.limit = min(limit, maximumLimit)
            default:
                continue
            }
        }
        query.filter = LeadFilter(orderIds: orderIds, statusIds: statusIds)
        return .success(query)
    }

    /// True when this query selects `lead` (window and filter).
    func selects(_ lead: DriftLead) -> Bool {
        if let fromSeconds, lead.createdAtSeconds < fromSeconds { return false }
        if let toSeconds, lead.createdAtSeconds > toSeconds { return false }
        return filter.matches(statusId: lead.statusId, orderId: lead.orderId)
    }

    private static func isNumericSubscript(_ text: Substring) -> Bool {
        text.count > 2 && text.first == "[" && text.last == "]"
            && text.dropFirst().dropLast().allSatisfy { $0.isASCII && $0.isNumber }
    }
}
