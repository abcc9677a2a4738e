/// A coding key for any string, used to list the keys a JSON object really has, or for an array
/// index, used to name the item an error is about.
struct AnyCodingKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(stringValue: String) { self.stringValue = stringValue }
    init(intValue: Int) {
        stringValue = String(intValue)
        self.intValue = intValue
    }
}

extension AnyCodingKey {
    /// `"$comment"`, a note for people that every object of fixed keys may hold (as JSON Schema's own
    /// keyword); its value must be a string, and it is otherwise ignored.
    static let comment = "$comment"
}

extension KeyedDecodingContainer where Key == AnyCodingKey {
    /// Whether `key` is a `"$comment"`, checked to hold a string.
    /// - Throws: `DecodingError` naming the key when its value is not a string.
    func isComment(_ key: AnyCodingKey) throws -> Bool {
        guard key.stringValue == AnyCodingKey.comment else { return false }
        _ = try decode(String.self, forKey: key)
        return true
    }
}

extension Decoder {
    /// Throws for the first key of the current object that `Keys` does not name (a `"$comment"` aside),
    /// so that a misspelt option fails the run instead of being ignored. `hint` may add advice for a
    /// particular key.
    func rejectUnknownKeys<Keys: CodingKey & CaseIterable>(
        _ keys: Keys.Type, hint: (String) -> String? = { _ in nil }
    ) throws {
        let container = try container(keyedBy: AnyCodingKey.self)
        let known = Keys.allCases.map(\.stringValue)
        for key in container.allKeys where !known.contains(key.stringValue) {
            if try container.isComment(key) { continue }
            let advice = hint(key.stringValue).map { "; \($0)" } ?? ""
            throw DecodingError.dataCorruptedError(
                forKey: key, in: container,
                debugDescription: "unknown key; expected one of \(known.joined(separator: ", "))\(advice)")
        }
    }
}
