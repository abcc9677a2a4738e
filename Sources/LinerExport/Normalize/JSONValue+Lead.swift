import Foundation
import LinerJSON

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
            // Most numeric strings have nothing to trim: a printable ASCII byte at each end settles it
            // without Foundation's Unicode trimming.
            let utf8 = text.utf8
            let isTrimmed = utf8.first.map { (0x21...0x7E).contains($0) } == true
                && utf8.last.map { (0x21...0x7E).contains($0) } == true
            let trimmed = isTrimmed ? text : text.trimmingCharacters(in: .whitespaces)
            guard JSONParser.isNumberLiteral(trimmed), Double(trimmed)?.isFinite == true else { return nil }
            return trimmed
        default:
            return nil
        }
    }
}
