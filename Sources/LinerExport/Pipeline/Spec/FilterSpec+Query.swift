extension FilterSpec {
    /// The statuses sent as `statusIds[]`: none when the status filter runs on the client.
    var serverStatusIds: [Int] { statusFilter == .server ? statusIds : [] }
}
