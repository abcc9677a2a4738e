/// Reading `normalize.customFields` from a pipeline file: `"auto"`, `"none"`, or an object of ids
/// to column names with an optional `"discover"`.
extension CustomFieldSpec: Decodable {
    public init(from decoder: Decoder) throws {
        if let word = try? decoder.singleValueContainer().decode(String.self) {
            guard word == "auto" || word == "none" else {
                throw DecodingError.dataCorrupted(.init(
                    codingPath: decoder.codingPath,
                    debugDescription: "expected \"auto\", \"none\" or an object of id to column name, got \"\(word)\""))
            }
            self.init(discoversFields: word == "auto")
            return
        }
        let container = try decoder.container(keyedBy: AnyCodingKey.self)
        self.init()
        for key in container.allKeys {
            if try container.isComment(key) { continue }
            if key.stringValue == "discover" {
                discoversFields = try container.decode(Bool.self, forKey: key)
                continue
            }
            guard key.stringValue.allSatisfy({ $0.isASCII && $0.isWholeNumber }), let id = Int(key.stringValue), id > 0 else {
                throw DecodingError.dataCorruptedError(
                    forKey: key, in: container,
                    debugDescription: "expected a custom field id (a positive integer) or \"discover\", got \"\(key.stringValue)\"")
            }
            names[id] = try container.decode(String.self, forKey: key)
        }
    }
}
