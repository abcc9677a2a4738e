/// Reading `changes` from a pipeline file: `{"rescan": "30 days"}`, from one hour to 400 days.
extension ChangesSpec: Decodable {
    private enum CodingKeys: String, CodingKey, CaseIterable { case rescan }

    public init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let text = try container.decode(String.self, forKey: .rescan)
        guard let seconds = WindowSpec.durationSeconds(text) else {
            throw DecodingError.dataCorruptedError(
                forKey: .rescan, in: container, debugDescription: "expected a duration like \"30 days\" or \"12h\", got \"\(text)\"")
        }
        guard (Self.shortestRescanSeconds...Self.longestRescanSeconds).contains(seconds) else {
            throw DecodingError.dataCorruptedError(
                forKey: .rescan, in: container, debugDescription: "expected from 1 hour to 400 days, got \"\(text)\"")
        }
        self.init(rescanSeconds: seconds)
    }
}
