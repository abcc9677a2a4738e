import LinerJSON

extension FilterSpec {
    /// Whether `lead` matches the filters as a run applies them: its order and status among those asked
    /// for (when any are), and a primary lead when only those are kept.
    func matches(_ lead: JSONObject) -> Bool {
        if !orderIds.isEmpty, !(lead["orderId"]?.int64Value.map { orderIds.contains(Int($0)) } ?? false) { return false }
        if !statusIds.isEmpty, !(lead["statusId"]?.int64Value.map { statusIds.contains(Int($0)) } ?? false) { return false }
        return !primaryOnly || !LeadNormalizer.isSecondary(lead)
    }
}
