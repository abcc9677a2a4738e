import LinerExport
import LinerMock
import Logging

/// What `liner-export demo` does, apart from reading its arguments: a fake Liner API on loopback and
/// one run against it.
public enum DemoRun {
    /// Starts the fake Liner API on 127.0.0.1 (a free port) holding `leads` generated leads, runs
    /// `spec` against it with the server's key (its `source.baseURL` replaced by the server's), and
    /// shuts the server down, whether the run succeeded or not.
    /// - Parameters:
    ///   - spec: the pipeline to run; default the built-in demo, which writes into `exports/`.
    ///   - leads: leads the fake server holds.
    ///   - logger: the run's logger.
    ///   - progress: reports the fetch while it runs; nil for none.
    ///   - serverStarted: called with the server's base URL once it listens, before the run starts.
    /// - Returns: the run's summary.
    /// - Throws: `ExportError` when the run fails; whatever starting the server throws.
    public static func run(
        spec: PipelineSpec = DemoPipeline.spec, leads: Int = DemoPipeline.leadCount, logger: Logger,
        progress: ProgressReporter? = nil, serverStarted: (String) -> Void = { _ in }
    ) async throws -> RunSummary {
        var configuration = MockServerConfiguration()
        configuration.dataset.leadCount = leads
        let server = try await MockLinerServer.start(configuration)
        serverStarted(server.baseURL)
        do {
            var spec = spec
            spec.source.baseURL = server.baseURL
            let summary = try await ExportRunner(spec: spec, apiKey: APIKey(configuration.apiKey), logger: logger)
                .run(progress: progress)
            try await server.shutdown()
            return summary
        } catch {
            try? await server.shutdown()
            throw error
        }
    }
}
