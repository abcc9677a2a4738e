import Foundation

/// A pipeline: where leads come from, which window, how they are normalized and where they go.
///
/// Either read from a pipeline file by `PipelineLoader` (see `PipelineSpec+Decoding.swift`: a file
/// that decodes is a file that can run) or built in code, as the demo and tests do.
public struct PipelineSpec: Sendable, Equatable {
    /// The only pipeline format version this build reads.
    public static let supportedVersion = 1

    /// Short name of the pipeline, used in file names (`{name}`) and logs: letters, digits, `-`, `_`
    /// and `.`. Default `leads`.
    public var name: String
    /// Where leads come from.
    public var source: SourceSpec
    /// The `createdAt` range to export.
    public var window: WindowSpec
    /// Server-side filters of the lead list. Default: every lead of the window.
    public var filters: FilterSpec
    /// How raw leads are turned into clean columns.
    public var normalize: NormalizeSpec
    /// The columns of every output, in order; at least one. Default `[.defaults]`.
    public var columns: [ColumnSelection]
    /// The files a run writes; at least one, each with a path of its own.
    public var outputs: [OutputSpec]
    /// What a run that published with warnings returns: `ignore` (exit 0), `exit-4`, or `fail` (nothing published).
    /// Default `ignore`.
    public var onWarnings: WarningPolicy
    /// Where the run reports itself to monitoring (a Prometheus textfile); nil for none. Default nil.
    public var metrics: MetricsSpec?
    /// A CSV beside the outputs listing every warning with its lead and raw value; nil for none. Default nil.
    public var rejects: RejectsSpec?
    /// Where the manifest goes; nil puts `<name>.manifest.json` in the folder of the first output. Default nil.
    public var manifest: ManifestSpec?
    /// Changes capture: re-read the trailing rescan range and compare it with the last published run;
    /// nil for none. Default nil.
    public var changes: ChangesSpec?

    /// A pipeline built in code, with the pipeline file's defaults.
    ///
    /// A value built in code is trusted: unlike a decoded file, nothing here checks the name's
    /// characters, that `columns` and `outputs` are not empty, or that no two outputs share a path.
    public init(
        name: String = "leads",
        source: SourceSpec,
        window: WindowSpec,
        filters: FilterSpec = FilterSpec(),
        normalize: NormalizeSpec = NormalizeSpec(),
        columns: [ColumnSelection] = [.defaults],
        outputs: [OutputSpec],
        onWarnings: WarningPolicy = .ignore,
        metrics: MetricsSpec? = nil,
        rejects: RejectsSpec? = nil,
        manifest: ManifestSpec? = nil,
        changes: ChangesSpec? = nil
    ) {
        self.name = name
        self.source = source
        self.window = window
        self.filters = filters
        self.normalize = normalize
        self.columns = columns
        self.outputs = outputs
        self.onWarnings = onWarnings
        self.metrics = metrics
        self.rejects = rejects
        self.manifest = manifest
        self.changes = changes
    }
}
