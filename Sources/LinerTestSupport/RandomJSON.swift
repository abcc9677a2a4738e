import Foundation
import LinerJSON

/// Random JSON values and texts for property tests.
public enum RandomJSON {
    /// Fixed seeds keep runs reproducible; one seed from the clock keeps exploring. The failing seed shows in
    /// the test's argument and in every failure message; rerun with `JSON_TEST_SEED=<seed> swift test`.
    public static let seeds: [UInt64] = {
        if let text = ProcessInfo.processInfo.environment["JSON_TEST_SEED"], let seed = UInt64(text) {
            return [seed]
        }
        return [1, 2, 3, 42, 1337, 0xDEAD_BEEF, UInt64(Date().timeIntervalSince1970 * 1000)]
    }()

    /// Text that escaping, UTF-8 and Unicode equivalence can get wrong, mixed into random strings.
    public static let trickyPieces = [
        "\"", "\\", "/", "\n", "\r\n", "\t", "\u{0}", "\u{1F}", "\u{7F}", "\u{2028}", "\u{2029}", "Привет",
        "ёЁ", "😀", "👨‍👩‍👧", "🇷🇺", "中文", "é", "e\u{301}", "\u{FEFF}", "\u{FFFD}", "'", "<tag>", "=SUM(A1)",
        "+79001234567", "\\u0041", "\u{10FFFF}", ",", " ",
    ]

    /// A random value; `forFoundation` keeps keys unique and numbers within `Double`'s exact reach of
    /// `JSONSerialization`, so both parsers must agree.
    public static func value(using random: inout SeededGenerator, forFoundation: Bool, depth: Int = 0) -> JSONValue {
        switch Int.random(in: 0..<(depth >= 4 ? 4 : 7), using: &random) {
        case 0:
            return .null
        case 1:
            return .bool(Bool.random(using: &random))
        case 2:
            return .number(numberLiteral(using: &random, forFoundation: forFoundation))
        case 3:
            return .string(string(using: &random, forFoundation: forFoundation))
        case 4:
            let count = Int.random(in: 0...5, using: &random)
            return .array((0..<count).map { _ in value(using: &random, forFoundation: forFoundation, depth: depth + 1) })
        default:
            var members: [(key: String, value: JSONValue)] = []
            for _ in 0..<Int.random(in: 0...6, using: &random) {
                var key = string(using: &random, forFoundation: forFoundation)
                if !forFoundation, !members.isEmpty, Int.random(in: 0..<5, using: &random) == 0 {
                    key = members.randomElement(using: &random)!.key
                } else if forFoundation, members.contains(where: { $0.key == key }) {
                    continue
                }
                members.append((key, value(using: &random, forFoundation: forFoundation, depth: depth + 1)))
            }
            return .object(JSONObject(members))
        }
    }

    /// A random number literal as RFC 8259 spells one; `forFoundation` keeps it within `Double`'s exact reach.
    public static func numberLiteral(using random: inout SeededGenerator, forFoundation: Bool) -> String {
        func digits(_ count: Int, _ random: inout SeededGenerator) -> String {
            String((0..<count).map { _ in Character(String(Int.random(in: 0...9, using: &random))) })
        }
        var literal = Bool.random(using: &random) ? "-" : ""
        if Int.random(in: 0..<4, using: &random) == 0 {
            literal += "0"
        } else {
            literal += String(Int.random(in: 1...9, using: &random))
            literal += digits(Int.random(in: 0...(forFoundation ? 8 : 25), using: &random), &random)
        }
        if Int.random(in: 0..<3, using: &random) == 0 {
            literal += "." + digits(Int.random(in: 1...(forFoundation ? 6 : 20), using: &random), &random)
        }
        if Int.random(in: 0..<4, using: &random) == 0 {
            literal += ["e", "E"].randomElement(using: &random)! + ["", "+", "-"].randomElement(using: &random)!
            literal += digits(Int.random(in: 1...(forFoundation ? 2 : 4), using: &random), &random)
        }
        return literal
    }

    /// A random string of tricky pieces and random scalars; `forFoundation` leaves out U+FEFF, because
    /// `JSONSerialization` on Linux drops it from the start of a string.
    public static func string(using random: inout SeededGenerator, forFoundation: Bool) -> String {
        var text = ""
        let pieces = Int.random(in: 0..<10, using: &random) == 0 ? 100 : Int.random(in: 0...8, using: &random)
        for _ in 0..<pieces {
            switch Int.random(in: 0..<6, using: &random) {
            case 0:
                text += trickyPieces.randomElement(using: &random)!
            case 1:
                text += String(repeating: "a", count: Int.random(in: 1...20, using: &random))
            default:
                let ranges: [ClosedRange<UInt32>] = [0x00...0x7F, 0x00...0x1F, 0x400...0x4FF, 0xA0...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF]
                let range = ranges.randomElement(using: &random)!
                text.unicodeScalars.append(Unicode.Scalar(UInt32.random(in: range, using: &random))!)
            }
        }
        if forFoundation {
            text.unicodeScalars.removeAll { $0 == "\u{FEFF}" }
        }
        return text
    }

    /// JSON text for `value` spelled differently from `JSONWriter`: random whitespace between tokens and
    /// random escapes (short and `\u` forms, either hex case, surrogate pairs, `\/`), so the parser is not
    /// only ever tested on the writer's own spelling.
    public static func noisyText(of value: JSONValue, using random: inout SeededGenerator) -> String {
        var text = ""
        appendNoisy(value, to: &text, using: &random)
        return whitespace(using: &random) + text + whitespace(using: &random)
    }

    private static func whitespace(using random: inout SeededGenerator) -> String {
        guard Int.random(in: 0..<3, using: &random) == 0 else { return "" }
        return String((0..<Int.random(in: 1...3, using: &random)).map { _ in [" ", "\t", "\n", "\r"].randomElement(using: &random)! })
    }

    private static func appendNoisy(_ value: JSONValue, to text: inout String, using random: inout SeededGenerator) {
        switch value {
        case .null: text += "null"
        case .bool(let flag): text += flag ? "true" : "false"
        case .number(let literal): text += literal
        case .string(let string): appendNoisyString(string, to: &text, using: &random)
        case .array(let elements):
            text += "[" + whitespace(using: &random)
            for (position, element) in elements.enumerated() {
                if position > 0 { text += "," + whitespace(using: &random) }
                appendNoisy(element, to: &text, using: &random)
                text += whitespace(using: &random)
            }
            text += "]"
        case .object(let object):
            text += "{" + whitespace(using: &random)
            for (position, member) in object.members.enumerated() {
                if position > 0 { text += "," + whitespace(using: &random) }
                appendNoisyString(member.key, to: &text, using: &random)
                text += whitespace(using: &random) + ":" + whitespace(using: &random)
                appendNoisy(member.value, to: &text, using: &random)
                text += whitespace(using: &random)
            }
            text += "}"
        }
    }

    private static func appendNoisyString(_ string: String, to text: inout String, using random: inout SeededGenerator) {
        func unicodeEscape(_ unit: UInt16, _ random: inout SeededGenerator) -> String {
            let hex = String(unit, radix: 16, uppercase: Bool.random(using: &random))
            return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        }
        let shortForms: [Unicode.Scalar: String] = [
            "\"": #"\""#, "\\": #"\\"#, "\u{08}": #"\b"#, "\u{0C}": #"\f"#, "\n": #"\n"#, "\r": #"\r"#, "\t": #"\t"#,
        ]
        text += "\""
        for scalar in string.unicodeScalars {
            let mustEscape = scalar.value < 0x20 || scalar == "\"" || scalar == "\\"
            if scalar == "/", Bool.random(using: &random) {
                text += #"\/"#
            } else if mustEscape, let short = shortForms[scalar], Bool.random(using: &random) {
                text += short
            } else if mustEscape || Int.random(in: 0..<6, using: &random) == 0 {
                for unit in String(scalar).utf16 {
                    text += unicodeEscape(unit, &random)
                }
            } else {
                text.unicodeScalars.append(scalar)
            }
        }
        text += "\""
    }

    /// Equality down to the bytes: `String`'s `==` treats canonically equivalent text (`é` and `e` + U+0301)
    /// as equal, which would hide a normalizing round trip.
    public static func isIdentical(_ lhs: JSONValue, _ rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case (.bool(let left), .bool(let right)): return left == right
        case (.number(let left), .number(let right)): return Array(left.utf8) == Array(right.utf8)
        case (.string(let left), .string(let right)): return Array(left.utf8) == Array(right.utf8)
        case (.array(let left), .array(let right)):
            return left.count == right.count && zip(left, right).allSatisfy { isIdentical($0, $1) }
        case (.object(let left), .object(let right)):
            return left.members.count == right.members.count
                && zip(left.members, right.members).allSatisfy {
                    Array($0.key.utf8) == Array($1.key.utf8) && isIdentical($0.value, $1.value)
                }
        default: return false
        }
    }
}
