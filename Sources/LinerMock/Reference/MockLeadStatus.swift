/// One entry of the reference list served by `/v2/lead-status/`.
public struct MockLeadStatus: Sendable, Equatable {
    /// The status id leads carry in `statusId`.
    public let id: Int
    /// Stable machine name, e.g. "new".
    public let code: String
    /// Russian display title, e.g. "Новый".
    public let title: String
    /// "in-progress", "qualified" or "disqualified".
    public let category: String
    /// Display order.
    public let sort: Int
    /// CSS colour, e.g. "#2196F3".
    public let color: String
    /// Whether the status is built into Liner (cannot be deleted).
    public let isSystem: Bool
    /// Share of generated leads in this status, per mille (the list's shares sum to 1000).
    public let leadsPerMille: Int

    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("id")
        writer.int(id)
        writer.key("code")
        writer.string(code)
        writer.key("title")
        writer.string(title)
        writer.key("category")
        writer.string(category)
        writer.key("sort")
        writer.int(sort)
        writer.key("color")
        writer.string(color)
        writer.key("isSystem")
        writer.bool(isSystem)
        writer.endObject()
    }
}

extension MockLeadStatus {
    /// The statuses, ids 10...18. The last title has quotes and a comma on purpose.
    static let all: [MockLeadStatus] = [
        MockLeadStatus(id: 10, code: "new", title: "Новый", category: "in-progress", sort: 10, color: "#2196F3", isSystem: true, leadsPerMille: 300),
        MockLeadStatus(id: 11, code: "in_work", title: "В работе", category: "in-progress", sort: 20, color: "#FFC107", isSystem: false, leadsPerMille: 200),
        MockLeadStatus(id: 12, code: "callback", title: "Перезвонить", category: "in-progress", sort: 30, color: "#FF9800", isSystem: false, leadsPerMille: 100),
        MockLeadStatus(id: 13, code: "no_answer", title: "Недозвон", category: "in-progress", sort: 40, color: "#9E9E9E", isSystem: false, leadsPerMille: 100),
        MockLeadStatus(id: 14, code: "qualified", title: "Квалифицирован", category: "qualified", sort: 50, color: "#4CAF50", isSystem: true, leadsPerMille: 120),
        MockLeadStatus(id: 15, code: "sent", title: "Передан клиенту", category: "qualified", sort: 60, color: "#009688", isSystem: false, leadsPerMille: 50),
        MockLeadStatus(id: 16, code: "rejected", title: "Отказ", category: "disqualified", sort: 70, color: "#F44336", isSystem: true, leadsPerMille: 80),
        MockLeadStatus(id: 17, code: "duplicate", title: "Дубль", category: "disqualified", sort: 80, color: "#795548", isSystem: false, leadsPerMille: 30),
        MockLeadStatus(id: 18, code: "spam", title: "Спам, \"бот\"", category: "disqualified", sort: 90, color: "#000000", isSystem: false, leadsPerMille: 20),
    ]

    /// `leadsPerMille` of `all`, in order, for `pickBucket`.
    static let weights = all.map(\.leadsPerMille)
}
