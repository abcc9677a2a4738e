import LinerJSON

/// One warning on one value, as the rejects file lists it: what was wrong, where, and the value as
/// it came, so an analyst can find and fix it in the CRM.
struct RejectedValue: Sendable, Equatable {
    let kind: NormalizationWarnings.Kind
    /// The field as the summary names it: `phone`, `custom.10`, or `xlsx: name` for a writer's warning.
    let field: String
    /// The value as the API sent it (JSON text for an array or object); for a writer's warning, the
    /// cell it was given.
    let value: String

    /// `value` as it came: text as is, a number's literal, `true`/`false`, JSON text for an array
    /// or object, empty for null.
    static func text(of value: JSONValue?) -> String {
        switch value {
        case nil, .null?: return ""
        case .string(let text)?: return text
        case .number(let literal)?: return literal
        case .bool(let flag)?: return flag ? "true" : "false"
        case let value?:
            var bytes: [UInt8] = []
            JSONWriter.append(value, to: &bytes)
            return String(decoding: bytes, as: UTF8.self)
        }
    }
}
