import ArgumentParser
import LinerExport

/// `--base-url`: the pipeline against another server than its `source.baseURL` (`run`, `validate`, `preview`).
struct ServerOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Use this API address instead of source.baseURL, checked like it: for example the one `mock-server --port 0` "
            + "printed. Unlike --from, the run is not a one-off: the state file and metrics textfile are the pipeline's.",
        valueName: "url"))
    var baseURL: String?

    /// `spec` with the address replaced, or `spec` when the option was not given.
    /// - Throws: `ExportError.badArguments` when the address is not one `source.baseURL` accepts.
    func applied(to spec: PipelineSpec) throws -> PipelineSpec {
        guard let baseURL else { return spec }
        return try spec.replacingBaseURL(baseURL)
    }
}
