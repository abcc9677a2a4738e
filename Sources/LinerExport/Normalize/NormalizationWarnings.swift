/// What normalization kept as it came because it could not make sense of it, counted by kind and field.
/// Nothing counted here is dropped: the raw value stays in the output.
///
/// With `keepsRejects` (the pipeline has a rejects file) each warning is also kept with its value, in
/// the order recorded, until the collector takes them out after the lead that raised them.
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
        /// A spreadsheet writer (XLSX, XML spreadsheet) cut a value at a cell's 32,767 characters (the
        /// field is `format: column`).
        case cellTruncated = "cell_truncated"
        /// The XML writers (records and spreadsheet) replaced characters XML 1.0 cannot hold with U+FFFD
        /// (the field is `xml: column`).
        case forbiddenXMLCharacter = "xml_forbidden_character"
        /// A CSV writer replaced C0 controls other than tab, LF and CR by U+FFFD (the field is `csv: column`).
        case controlCharacter = "control_character"
        /// The NDJSON writer wrote a number no double can hold (`1e999`) as a string (the field is
        /// `ndjson: column`, or `ndjson: <key>` for a member no column holds).
        case nonFiniteNumber = "non_finite_number"
        /// The NDJSON writer renamed a member no column holds whose key a column (or, nested, the
        /// `customFields` object) already has, or an earlier member: `key (extra)` (the field is `ndjson: key`).
        case renamedKey = "ndjson_key_renamed"
        /// The XLSX writer replaced characters a cell cannot hold (an XLSX sheet is XML inside) with
        /// U+FFFD (the field is `xlsx: column`).
        case forbiddenXLSXCharacter = "xlsx_forbidden_character"
    }

    /// A kind of warning on one field.
    public struct Key: Sendable, Hashable, Comparable, CustomStringConvertible {
        public let kind: Kind
        public let field: String
        public var description: String { "\(kind.rawValue) (\(field))" }
        public static func < (lhs: Key, rhs: Key) -> Bool { lhs.description < rhs.description }
    }

    public private(set) var counts: [Key: Int] = [:]
    /// All warnings together.
    public private(set) var total = 0
    /// Keep each warning with its value in `rejects`.
    let keepsRejects: Bool
    /// The warnings recorded (or merged) since the last `takeRejects()`, when `keepsRejects`.
    private(set) var rejects: [RejectedValue] = []

    public init() {
        keepsRejects = false
    }

    init(keepsRejects: Bool) {
        self.keepsRejects = keepsRejects
    }

    /// Counts `count` warnings; `value` (the value as it came) is read only when rejects are kept.
    mutating func record(_ kind: Kind, field: String, count: Int = 1, value: @autoclosure () -> String = "") {
        counts[Key(kind: kind, field: field), default: 0] += count
        total += count
        if keepsRejects { rejects.append(RejectedValue(kind: kind, field: field, value: value())) }
    }

    mutating func merge(_ other: NormalizationWarnings) {
        counts.merge(other.counts, uniquingKeysWith: +)
        total += other.total
        if keepsRejects { rejects += other.rejects }
    }

    /// The warnings kept since the last call, in the order they were recorded.
    mutating func takeRejects() -> [RejectedValue] {
        guard !rejects.isEmpty else { return [] }
        defer { rejects = [] }
        return rejects
    }
}
