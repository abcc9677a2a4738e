/// A column-worthy field of a lead: the API's own fields in the documented order, plus the
/// columns normalization derives from them (a phone's extension).
public struct LeadField: Sendable, Hashable {
    /// How a field's raw value is read.
    public enum Kind: Sendable, Hashable {
        case integer, number, boolean, text, dateTime
        /// A phone number, normalized to the pipeline's format.
        case phone
        /// The extension libphonenumber split off the phone named here.
        case phoneExtension(of: String)
    }

    public let name: String
    public let kind: Kind

    /// Every field `"*"` selects, in output order (custom fields follow them).
    public static let all: [LeadField] = [
        .init(name: "id", kind: .integer),
        .init(name: "name", kind: .text),
        .init(name: "phone", kind: .phone),
        .init(name: "phoneExtension", kind: .phoneExtension(of: "phone")),
        .init(name: "sourceComment", kind: .text),
        .init(name: "ip", kind: .text),
        .init(name: "externalIdBitrix24", kind: .text),
        .init(name: "externalIdAmo", kind: .text),
        .init(name: "externalIdMacro", kind: .text),
        .init(name: "externalIdDomoplaner", kind: .text),
        .init(name: "statusId", kind: .integer),
        .init(name: "leadType", kind: .text),
        .init(name: "createMethod", kind: .text),
        .init(name: "isSecondary", kind: .boolean),
        .init(name: "previousLeadId", kind: .integer),
        .init(name: "nextLeadId", kind: .integer),
        .init(name: "planningCallDateTime", kind: .dateTime),
        .init(name: "priority", kind: .integer),
        .init(name: "utcOffset", kind: .number),
        .init(name: "createdAt", kind: .dateTime),
        .init(name: "updatedAt", kind: .dateTime),
        .init(name: "orderId", kind: .integer),
        .init(name: "orderCode", kind: .text),
        .init(name: "vkId", kind: .text),
        .init(name: "instagramLogin", kind: .text),
        .init(name: "telegramUserName", kind: .text),
        .init(name: "telegramPhone", kind: .phone),
        .init(name: "telegramPhoneExtension", kind: .phoneExtension(of: "telegramPhone")),
    ]

    /// The raw keys this list covers; any other key of a lead (but `customValues`) is an addition
    /// the API made later, passed through to NDJSON.
    static let rawNames: Set<String> = Set(all.compactMap { field in
        if case .phoneExtension = field.kind { return nil }
        return field.name
    }).union(["customValues"])

    private static let byName = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })

    /// The field called `name`, if there is one.
    public static func named(_ name: String) -> LeadField? { byName[name] }
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
