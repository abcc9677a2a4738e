import Foundation

/// A pipeline file: where leads come from, which window, how they are normalized and where they go.
///
/// Decoding validates everything a run needs, so a file that decodes is a file that can run.
/// Unknown keys are errors: a misspelt option must never be silently ignored.
public struct PipelineSpec: Sendable, Decodable {
    /// The only pipeline format version this build reads.
    public static let supportedVersion = 1

    /// Short name of the pipeline, used in file names (`{name}`) and logs.
    public var name: String
    public var source: SourceSpec
    public var window: WindowSpec
    public var filters: FilterSpec
    public var normalize: NormalizeSpec
    public var columns: [ColumnSelection]
    public var outputs: [OutputSpec]
    /// What a run that published with warnings returns: `ignore` (exit 0), `exit-4`, or `fail` (nothing published).
    public var onWarnings: WarningPolicy = .ignore
    /// Where the run reports itself to monitoring (a Prometheus textfile); nil for none.
    public var metrics: MetricsSpec?

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case schema = "$schema", version, name, source, window, filters, normalize, columns, outputs, onWarnings, metrics
    }

    public init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let version = try container.decode(Int.self, forKey: .version)
        guard version == Self.supportedVersion else {
            throw DecodingError.dataCorruptedError(
                forKey: .version, in: container,
                debugDescription: "expected \(Self.supportedVersion), got \(version)")
        }
        name = try container.decodeIfPresent(String.self, forKey: .name) ?? "leads"
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) }) else {
            throw DecodingError.dataCorruptedError(
                forKey: .name, in: container,
                debugDescription: "expected letters, digits, '-', '_' or '.', got \"\(name)\"")
        }
        source = try container.decode(SourceSpec.self, forKey: .source)
        window = try container.decode(WindowSpec.self, forKey: .window)
        filters = try container.decodeIfPresent(FilterSpec.self, forKey: .filters) ?? FilterSpec()
        normalize = try container.decodeIfPresent(NormalizeSpec.self, forKey: .normalize) ?? NormalizeSpec()
        columns = try container.decodeIfPresent([ColumnSelection].self, forKey: .columns) ?? [.defaults]
        guard !columns.isEmpty else {
            throw DecodingError.dataCorruptedError(
                forKey: .columns, in: container, debugDescription: "expected at least one column, got []")
        }
        outputs = try container.decode([OutputSpec].self, forKey: .outputs)
        guard !outputs.isEmpty else {
            throw DecodingError.dataCorruptedError(
                forKey: .outputs, in: container, debugDescription: "expected at least one output, got []")
        }
        try Self.rejectSharedPaths(outputs, in: container)
        onWarnings = try WarningPolicy.decode(from: container, forKey: .onWarnings)
        metrics = try container.decodeIfPresent(MetricsSpec.self, forKey: .metrics)
    }

    /// Two outputs writing the same path would overwrite each other.
    private static func rejectSharedPaths(
        _ outputs: [OutputSpec], in container: KeyedDecodingContainer<CodingKeys>
    ) throws {
        var seen = Set<String>()
        for output in outputs where !seen.insert(output.path).inserted {
            throw DecodingError.dataCorruptedError(
                forKey: .outputs, in: container,
                debugDescription: "expected a different path for each output, got \"\(output.path)\" twice")
        }
    }
}
