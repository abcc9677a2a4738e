import LinerJSON

/// JSON has no infinity, but its grammar allows literals no double can hold (`1e999`): a strict reader
/// (Python's with `parse_float` checking, jq, many databases) turns them into infinity or refuses
/// them. The NDJSON writer writes such a literal as a string instead.
extension JSONValue {
    /// Whether a number literal's value is finite as a double. A literal with no exponent and at most
    /// 308 characters is below 10^308 and needs no parsing.
    static func isFiniteNumber(_ literal: UnsafeBufferPointer<UInt8>) -> Bool {
        if literal.count <= 308, !literal.contains(UInt8(ascii: "e")), !literal.contains(UInt8(ascii: "E")) { return true }
        return Double(String(decoding: literal, as: UTF8.self))?.isFinite ?? false
    }

    static func isFiniteNumber(_ literal: String) -> Bool {
        var literal = literal
        return literal.withUTF8(isFiniteNumber)
    }

    /// This value with every number literal a double cannot hold as a string, and how many there were
    /// (0 returns the value itself, after one walk that copies nothing).
    func withFiniteNumbers() -> (value: JSONValue, replaced: Int) {
        guard hasNonFiniteNumber else { return (self, 0) }
        var replaced = 0
        func rewrite(_ value: JSONValue) -> JSONValue {
            switch value {
            case .number(let literal) where !Self.isFiniteNumber(literal):
                replaced += 1
                return .string(literal)
            case .array(let items): return .array(items.map(rewrite))
            case .object(let object): return .object(JSONObject(object.members.map { ($0.key, rewrite($0.value)) }))
            default: return value
            }
        }
        return (rewrite(self), replaced)
    }

    private var hasNonFiniteNumber: Bool {
        switch self {
        case .number(let literal): !Self.isFiniteNumber(literal)
        case .array(let items): items.contains { $0.hasNonFiniteNumber }
        case .object(let object): object.members.contains { $0.value.hasNonFiniteNumber }
        case .null, .bool, .string: false
        }
    }
}
