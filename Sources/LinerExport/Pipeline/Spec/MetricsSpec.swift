/// Where a run reports itself to monitoring: `"metrics": {"textfile": "/var/lib/node_exporter/liner.prom"}`.
public struct MetricsSpec: Sendable, Decodable {
    /// A Prometheus text-format file for node_exporter's textfile collector, replaced atomically after
    /// every run, failed ones included. Its name must end in `.prom`, the only files the collector reads.
    public var textfile: String

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case textfile
    }

    public init(textfile: String) {
        self.textfile = textfile
    }

    public init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        textfile = try container.decode(String.self, forKey: .textfile)
        guard textfile.hasSuffix(".prom"), textfile.count > ".prom".count, !textfile.hasSuffix("/.prom") else {
            throw DecodingError.dataCorruptedError(
                forKey: .textfile, in: container,
                debugDescription: "expected a file name ending in .prom (node_exporter reads no other), got \"\(textfile)\"")
        }
    }
}
