/// What the account's reference lists say, fetched once per run by `NormalizerFactory` and then
/// only read: custom field definitions, status titles and categories, order titles.
///
/// A list that was not needed (no column uses it) or could not be fetched is nil: its columns
/// stay empty without a warning per lead (the run logs one). A loaded list that lacks an id a lead
/// carries gives an empty cell and an `unknown_status` / `unknown_order` warning.
public struct ReferenceData: Sendable {
    /// Custom fields by id: how values are typed, select codes titled.
    public var customFields: [Int: CustomFieldDefinition] = [:]
    /// Lead statuses by id.
    public var statuses: [Int: LeadStatusDefinition]?
    /// Order titles by id.
    public var orders: [Int: OrderDefinition]?

    public init(
        customFields: [CustomFieldDefinition] = [], statuses: [LeadStatusDefinition]? = nil,
        orders: [OrderDefinition]? = nil
    ) {
        self.customFields = Dictionary(customFields.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.statuses = statuses.map { Dictionary($0.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first }) }
        self.orders = orders.map { Dictionary($0.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first }) }
    }
}
