/// What normalization kept as it came because it could not make sense of it, counted by kind and field.
/// Nothing counted here is dropped: the raw value stays in the output.
public struct NormalizationWarnings: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case invalidPhone = "invalid_phone"
        case unparseableDate = "unparseable_date"
        case notAnInteger = "not_an_integer"
        case notANumber = "not_a_number"
        case notABoolean = "not_a_boolean"
        case unknownCustomField = "unknown_custom_field"
        case malformedCustomValues = "malformed_custom_values"
        case leadWithoutID = "lead_without_id"
        /// A select or multiselect code the field's options do not list (the code is kept).
        case unknownOption = "unknown_option"
        /// A `statusId` the account's status list does not have.
        case unknownStatus = "unknown_status"
        /// An `orderId` the account's order list does not have.
        case unknownOrder = "unknown_order"
        /// A writer cut a value at a spreadsheet cell's 32,767 characters (the field is `format: column`).
        case cellTruncated = "cell_truncated"
        /// A writer replaced characters XML 1.0 forbids (the field is `format: column`).
        case forbiddenXMLCharacter = "xml_forbidden_character"
        /// A CSV writer replaced C0 controls other than tab, LF and CR by U+FFFD (the field is `csv: column`).
        case controlCharacter = "control_character"
        /// The NDJSON writer wrote a number no double can hold (`1e999`) as a string (the field is
        /// `ndjson: column`, or `ndjson: <key>` for a member no column holds).
        case nonFiniteNumber = "non_finite_number"
        /// The NDJSON writer renamed a member no column holds whose key a column (or, nested, the
        /// `customFields` object) already has, or an earlier member: `key (extra)` (the field is `ndjson: key`).
        case renamedKey = "ndjson_key_renamed"
    }

    /// A kind of warning on one field.
    public struct Key: Sendable, Hashable, Comparable, CustomStringConvertible {
        public let kind: Kind
        public let field: String
        public var description: String { "\(kind.rawValue) (\(field))" }
        public static func < (lhs: Key, rhs: Key) -> Bool { lhs.description < rhs.description }
    }

    public private(set) var counts: [Key: Int] = [:]

    public init() {}

    mutating func record(_ kind: Kind, field: String, count: Int = 1) {
        counts[Key(kind: kind, field: field), default: 0] += count
    }

    mutating func merge(_ other: NormalizationWarnings) {
        counts.merge(other.counts, uniquingKeysWith: +)
    }

    /// All warnings together.
    public var total: Int { counts.values.reduce(0, +) }
}
