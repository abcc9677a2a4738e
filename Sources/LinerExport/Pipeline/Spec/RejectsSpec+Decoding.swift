/// Reading `rejects` from a pipeline file: a `path` with the outputs' placeholders but `{part}`, and
/// an optional one-character `delimiter`.
extension RejectsSpec: Decodable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case path, delimiter
    }

    public init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let path = try container.decode(String.self, forKey: .path)
        if let problem = OutputPathTemplate.problem(in: path) {
            throw DecodingError.dataCorruptedError(forKey: .path, in: container, debugDescription: problem)
        }
        if path.contains("{part}") {
            throw DecodingError.dataCorruptedError(
                forKey: .path, in: container, debugDescription: "expected no {part}: the rejects file is never split, got \"\(path)\"")
        }
        self.init(path: path)
        if let text = try container.decodeIfPresent(String.self, forKey: .delimiter) {
            guard text.utf8.count == 1, let byte = text.utf8.first, byte != UInt8(ascii: "\""),
                byte != UInt8(ascii: "\n"), byte != UInt8(ascii: "\r")
            else {
                throw DecodingError.dataCorruptedError(
                    forKey: .delimiter, in: container,
                    debugDescription: "expected one ASCII character other than a quote or line break, got \"\(text)\"")
            }
            delimiter = byte
        }
    }
}
