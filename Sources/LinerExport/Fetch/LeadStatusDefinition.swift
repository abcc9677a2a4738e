import LinerJSON

/// One lead status of the account, from `GET /v2/lead-status/`.
public struct LeadStatusDefinition: Sendable, Equatable {
    public let id: Int
    public let title: String
    /// `in-progress`, `qualified` or `disqualified`.
    public let category: String

    public init(id: Int, title: String, category: String) {
        self.id = id
        self.title = title
        self.category = category
    }
}

extension LinerClient {
    /// The account's lead statuses (unpaginated), from either spelling of the path.
    /// - Throws: `ExportError` when neither path answers.
    public func leadStatuses() async throws -> [LeadStatusDefinition] {
        try await referenceList(paths: ["/v2/lead-status/", "/v2/lead-statuses/"]).compactMap { status in
            guard let id = status["id"]?.int64Value else { return nil }
            return LeadStatusDefinition(
                id: Int(id), title: status["title"]?.textValue ?? "", category: status["category"]?.textValue ?? "")
        }
    }
}
