/// A column-worthy field of a lead: the API's own fields in the documented order, plus the
/// columns normalization derives from them (a phone's extension and validity, a status's title,
/// the client's local time).
public struct LeadField: Sendable, Hashable {
    /// How a field's value is produced.
    public enum Kind: Sendable, Hashable {
        case integer, number, boolean, text, dateTime
        /// A phone number, normalized to the pipeline's format.
        case phone
        /// The extension libphonenumber split off the phone named here.
        case phoneExtension(of: String)
        /// Whether the phone named here is a valid number (empty when there is no phone).
        case phoneValid(of: String)
        /// The ISO 3166 region of the phone named here (`RU`, `US`, `001` for non-geographic).
        case phoneRegion(of: String)
        /// The line type of the phone named here (`mobile`, `fixedLine`, ...).
        case phoneType(of: String)
        /// The date field named here, as the client's wall clock (from the lead's `utcOffset`).
        case clientTime(of: String)
        /// A value looked up in one of the account's reference lists.
        case reference(ReferenceField)
    }

    /// Values the account's reference lists give a lead.
    public enum ReferenceField: Sendable, Hashable {
        /// `statusId` → the status's `title` (`/v2/lead-status/`).
        case statusTitle
        /// `statusId` → the status's `category` (`in-progress`, `qualified`, `disqualified`).
        case statusCategory
        /// `orderId` → the order's `title` (`/v2/order/`).
        case orderTitle
    }

    public let name: String
    public let kind: Kind

    /// Every field `"*"` selects, in output order (custom fields follow them).
    public static let all: [LeadField] = [
        .init(name: "id", kind: .integer),
        .init(name: "name", kind: .text),
        .init(name: "phone", kind: .phone),
        .init(name: "phoneExtension", kind: .phoneExtension(of: "phone")),
        .init(name: "phoneValid", kind: .phoneValid(of: "phone")),
        .init(name: "phoneRegion", kind: .phoneRegion(of: "phone")),
        .init(name: "phoneType", kind: .phoneType(of: "phone")),
        .init(name: "sourceComment", kind: .text),
        .init(name: "ip", kind: .text),
        .init(name: "externalIdBitrix24", kind: .text),
        .init(name: "externalIdAmo", kind: .text),
        .init(name: "externalIdMacro", kind: .text),
        .init(name: "externalIdDomoplaner", kind: .text),
        .init(name: "statusId", kind: .integer),
        .init(name: "statusTitle", kind: .reference(.statusTitle)),
        .init(name: "statusCategory", kind: .reference(.statusCategory)),
        .init(name: "leadType", kind: .text),
        .init(name: "createMethod", kind: .text),
        .init(name: "isSecondary", kind: .boolean),
        .init(name: "previousLeadId", kind: .integer),
        .init(name: "nextLeadId", kind: .integer),
        .init(name: "planningCallDateTime", kind: .dateTime),
        .init(name: "planningCallDateTimeClientTime", kind: .clientTime(of: "planningCallDateTime")),
        .init(name: "priority", kind: .integer),
        .init(name: "utcOffset", kind: .number),
        .init(name: "createdAt", kind: .dateTime),
        .init(name: "createdAtClientTime", kind: .clientTime(of: "createdAt")),
        .init(name: "updatedAt", kind: .dateTime),
        .init(name: "orderId", kind: .integer),
        .init(name: "orderCode", kind: .text),
        .init(name: "orderTitle", kind: .reference(.orderTitle)),
        .init(name: "vkId", kind: .text),
        .init(name: "instagramLogin", kind: .text),
        .init(name: "telegramUserName", kind: .text),
        .init(name: "telegramPhone", kind: .phone),
        .init(name: "telegramPhoneExtension", kind: .phoneExtension(of: "telegramPhone")),
        .init(name: "telegramPhoneValid", kind: .phoneValid(of: "telegramPhone")),
        .init(name: "telegramPhoneRegion", kind: .phoneRegion(of: "telegramPhone")),
        .init(name: "telegramPhoneType", kind: .phoneType(of: "telegramPhone")),
    ]

    /// The fields a pipeline without `columns` gets (custom fields follow them): what an analyst
    /// reads and joins on, without the ids of other CRMs, raw network data or derived extras.
    public static let defaultNames: [String] = [
        "id", "name", "phone", "phoneExtension", "phoneValid", "statusId", "statusTitle", "statusCategory",
        "orderId", "orderCode", "orderTitle", "leadType", "createMethod", "isSecondary", "previousLeadId",
        "nextLeadId", "createdAt", "updatedAt", "planningCallDateTime", "priority", "utcOffset",
        "telegramUserName", "telegramPhone", "sourceComment",
    ]

    /// The raw keys this list covers; any other key of a lead (but `customValues`) is an addition
    /// the API made later, passed through to NDJSON.
    static let rawNames: Set<String> = Set(all.compactMap { field in field.isDerived ? nil : field.name })
        .union(["customValues"])

    private static let byName = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })

    /// The field called `name`, if there is one.
    public static func named(_ name: String) -> LeadField? { byName[name] }

    /// Whether normalization makes this field up rather than reading it from the lead.
    public var isDerived: Bool {
        switch kind {
        case .integer, .number, .boolean, .text, .dateTime, .phone: false
        default: true
        }
    }
}

/// A custom field id and the column key it goes by, `custom.<id>`.
public struct CustomFieldID: Sendable, Hashable, Comparable {
    public let value: Int

    public init(_ value: Int) { self.value = value }

    /// Reads `custom.10`.
    public init?(columnKey: String) {
        guard columnKey.hasPrefix("custom."), let value = Int(columnKey.dropFirst(7)), value >= 0 else { return nil }
        self.value = value
    }

    public var columnKey: String { "custom.\(value)" }

    public static func < (lhs: CustomFieldID, rhs: CustomFieldID) -> Bool { lhs.value < rhs.value }
}
