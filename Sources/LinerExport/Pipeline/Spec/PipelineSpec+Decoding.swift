import Foundation

/// Reading a pipeline file validates everything a run needs, so a file that decodes is a file that can run.
/// Unknown keys are errors: a misspelt option must never be silently ignored. Absent keys take the
/// defaults of `init(name:source:window:filters:normalize:columns:outputs:onWarnings:metrics:rejects:manifest:)`.
extension PipelineSpec: Decodable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case schema = "$schema", version, name, source, window, filters, normalize, columns, outputs, onWarnings, metrics, rejects
        case manifest, changes
    }

    public init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let version = try container.namingUnrepresentableNumber(.version, expected: "an integer") {
            try container.decode(Int.self, forKey: .version)
        }
        guard version == Self.supportedVersion else {
            throw DecodingError.dataCorruptedError(
                forKey: .version, in: container,
                debugDescription: "expected \(Self.supportedVersion), got \(version)")
        }
        let name = try container.decodeIfPresent(String.self, forKey: .name)
        if let name, name.isEmpty || !name.allSatisfy({ $0.isLetter || $0.isNumber || "-_.".contains($0) }) {
            throw DecodingError.dataCorruptedError(
                forKey: .name, in: container,
                debugDescription: "expected letters, digits, '-', '_' or '.', got \"\(name)\"")
        }
        let source = try container.decode(SourceSpec.self, forKey: .source)
        let window = try container.decode(WindowSpec.self, forKey: .window)
        let filters = try container.decodeIfPresent(FilterSpec.self, forKey: .filters)
        let normalize = try container.decodeIfPresent(NormalizeSpec.self, forKey: .normalize)
        let columns = try container.decodeIfPresent([ColumnSelection].self, forKey: .columns)
        if columns?.isEmpty == true {
            throw DecodingError.dataCorruptedError(
                forKey: .columns, in: container, debugDescription: "expected at least one column, got []")
        }
        let outputs = try container.decode([OutputSpec].self, forKey: .outputs)
        guard !outputs.isEmpty else {
            throw DecodingError.dataCorruptedError(
                forKey: .outputs, in: container, debugDescription: "expected at least one output, got []")
        }
        let rejects = try container.decodeIfPresent(RejectsSpec.self, forKey: .rejects)
        try Self.rejectSharedPaths(outputs, rejects: rejects, in: container)
        try Self.rejectGroupKeyTitle(columns ?? [], outputs: outputs, in: container)
        self.init(source: source, window: window, outputs: outputs)
        self.name = name ?? self.name
        self.filters = filters ?? self.filters
        self.normalize = normalize ?? self.normalize
        self.columns = columns ?? self.columns
        onWarnings = try container.decodeCase(WarningPolicy.self, forKey: .onWarnings) ?? onWarnings
        metrics = try container.decodeIfPresent(MetricsSpec.self, forKey: .metrics)
        self.rejects = rejects
        manifest = try container.decodeIfPresent(ManifestSpec.self, forKey: .manifest)
        changes = try container.decodeIfPresent(ChangesSpec.self, forKey: .changes)
        try Self.checkChangeContent(changes: changes, window: window, outputs: outputs, in: container)
        if let manifest, outputs.contains(where: { $0.path == manifest.path }) {
            throw DecodingError.dataCorruptedError(
                forKey: .manifest, in: container,
                debugDescription: "expected a path no output has, got \"\(manifest.path)\" for the manifest and an output")
        }
    }

    /// Changes capture compares with the last published run, kept beside the state file; a change set
    /// or snapshot output needs it.
    private static func checkChangeContent(
        changes: ChangesSpec?, window: WindowSpec, outputs: [OutputSpec], in container: KeyedDecodingContainer<CodingKeys>
    ) throws {
        if changes != nil, window.stateFile == nil {
            throw DecodingError.dataCorruptedError(
                forKey: .changes, in: container,
                debugDescription: "changes capture needs \"window\": {\"stateFile\": …}, where the last published leads are kept")
        }
        guard changes == nil, let index = outputs.firstIndex(where: { $0.content != .window }) else { return }
        throw DecodingError.dataCorrupted(.init(
            codingPath: container.codingPath + [CodingKeys.outputs, AnyCodingKey(intValue: index), AnyCodingKey(stringValue: "content")],
            debugDescription: "\"\(outputs[index].content.rawValue)\" needs the pipeline's \"changes\": {\"rescan\": \"30 days\"}"))
    }

    /// Two outputs (or an output and the rejects file) writing the same path would overwrite each other.
    private static func rejectSharedPaths(
        _ outputs: [OutputSpec], rejects: RejectsSpec?, in container: KeyedDecodingContainer<CodingKeys>
    ) throws {
        var seen = Set<String>()
        for output in outputs where !seen.insert(output.path).inserted {
            throw DecodingError.dataCorruptedError(
                forKey: .outputs, in: container,
                debugDescription: "expected a different path for each output, got \"\(output.path)\" twice")
        }
        if let rejects, seen.contains(rejects.path) {
            throw DecodingError.dataCorruptedError(
                forKey: .rejects, in: container,
                debugDescription: "expected a path no output has, got \"\(rejects.path)\"")
        }
    }

    /// A nested NDJSON output writes the custom field columns in a `customFields` object: a lead field
    /// renamed `customFields` would be a second key of that name.
    private static func rejectGroupKeyTitle(
        _ columns: [ColumnSelection], outputs: [OutputSpec], in container: KeyedDecodingContainer<CodingKeys>
    ) throws {
        guard outputs.contains(where: { $0.format == .ndjson && $0.shape == .nested }) else { return }
        for (index, column) in columns.enumerated() {
            guard case .field(let key, let title?) = column, title == NDJSONWriter.groupKey, LeadField.named(key) != nil else { continue }
            throw DecodingError.dataCorrupted(.init(
                codingPath: container.codingPath + [CodingKeys.columns, AnyCodingKey(intValue: index), AnyCodingKey(stringValue: "as")],
                debugDescription: "expected another name: a nested NDJSON output keeps \"\(title)\" for its object of custom fields"))
        }
    }
}
