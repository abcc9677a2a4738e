/// Reading `metrics` from a pipeline file: a `textfile` whose name ends in `.prom`.
extension MetricsSpec: Decodable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case textfile
    }

    public init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let textfile = try container.decode(String.self, forKey: .textfile)
        guard textfile.hasSuffix(".prom"), textfile.count > ".prom".count, !textfile.hasSuffix("/.prom") else {
            throw DecodingError.dataCorruptedError(
                forKey: .textfile, in: container,
                debugDescription: "expected a file name ending in .prom (node_exporter reads no other), got \"\(textfile)\"")
        }
        self.init(textfile: textfile)
    }
}
