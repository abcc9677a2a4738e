/// Reading `manifest` from a pipeline file: a `path` with the outputs' placeholders but `{part}`.
extension ManifestSpec: Decodable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case path
    }

    public init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let path = try container.decode(String.self, forKey: .path)
        if let problem = OutputPathTemplate.problem(in: path) {
            throw DecodingError.dataCorruptedError(forKey: .path, in: container, debugDescription: problem)
        }
        guard !path.contains("{part}") else {
            throw DecodingError.dataCorruptedError(
                forKey: .path, in: container, debugDescription: "expected {name}, {from} or {to}; one manifest lists every part, got \"\(path)\"")
        }
        self.init(path: path)
    }
}
