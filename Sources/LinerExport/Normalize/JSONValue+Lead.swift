import Foundation

extension JSONValue {
    /// Text as a person would read it: a string, or a number's literal (an id sent as a number).
    var textValue: String? {
        switch self {
        case .string(let text): return text
        case .number(let literal): return literal
        default: return nil
        }
    }

    /// A JSON number literal for this value: the literal itself, or a numeric string such as `"5.5"`,
    /// re-checked so that NDJSON never receives text that is not a number.
    var numberLiteral: String? {
        switch self {
        case .number(let literal):
            return literal
        case .string(let text):
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            guard JSONParser.isNumberLiteral(trimmed), Double(trimmed)?.isFinite == true else { return nil }
            return trimmed
        default:
            return nil
        }
    }
}
