/// A JSON value as the Liner API sent it, lossless.
///
/// Numbers keep their literal text, so an id that overflows `Int` or a price with many decimals
/// is written back exactly as it came. Objects keep their key order.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    /// The number's literal text, e.g. `"42"`, `"-5.5"`, `"1e3"`.
    case number(String)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)
}

/// A JSON object with its keys in the order they were sent.
public struct JSONObject: Sendable, Equatable {
    /// The members in the order they were sent, duplicate keys included.
    public var members: [(key: String, value: JSONValue)]

    /// An object of `members`, in their order.
    @inlinable
    public init(_ members: [(key: String, value: JSONValue)] = []) {
        self.members = members
    }

    /// The value of the first member named `key`; leads have a few dozen keys, so a scan is cheapest.
    @inlinable
    public subscript(key: String) -> JSONValue? {
        for member in members where member.key == key {
            return member.value
        }
        return nil
    }

    /// Equal members in the same order; keys compare as text, values as `JSONValue`s.
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        lhs.members.count == rhs.members.count
            && zip(lhs.members, rhs.members).allSatisfy { $0.key == $1.key && $0.value == $1.value }
    }
}
