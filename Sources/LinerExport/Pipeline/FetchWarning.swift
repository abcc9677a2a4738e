/// Warnings of the fetch stage: about pages and windows, not about a lead's values, so they have no
/// field and no row in the rejects file.
enum FetchWarning: String, CaseIterable {
    /// A page held more leads than `limit` asked for (all are kept).
    case serverIgnoredLimit = "server_ignored_limit"
    /// A window had more unique ids than the server's `total` (all are kept).
    case leadsLeftFilter = "leads_left_filter"
}
