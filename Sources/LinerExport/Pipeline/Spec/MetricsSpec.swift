/// Where a run reports itself to monitoring: `"metrics": {"textfile": "/var/lib/node_exporter/liner.prom"}`.
public struct MetricsSpec: Sendable, Equatable {
    /// A Prometheus text-format file for node_exporter's textfile collector, replaced atomically after
    /// every run, failed ones included. Its name must end in `.prom`, the only files the collector reads.
    public var textfile: String

    /// Metrics built in code. A value built in code is trusted: unlike a decoded file, nothing here
    /// checks that `textfile` ends in `.prom`.
    public init(textfile: String) {
        self.textfile = textfile
    }
}
