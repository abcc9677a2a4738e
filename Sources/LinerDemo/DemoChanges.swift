import Foundation
import LinerExport
import LinerMock
import Logging

/// The demo's second part: changes capture. Two runs of a pipeline like `pipelines/nightly-changes.json`
/// against the fake Liner API, the account moved forward a day between them (leads created, changed
/// and archived), each run's change counts printed.
public enum DemoChanges {
    /// The changes pipeline: the demo's account over a week, every lead tracked, a change set in CSV
    /// and NDJSON and a snapshot in XLSX under `exports/`. Its state goes in `stateFolder`.
    public static func spec(stateFolder: String) -> PipelineSpec {
        let moscow = TimeZone(identifier: "Europe/Moscow")!
        var window = WindowSpec(
            from: .wallClock(year: 2024, month: 1, day: 1, hour: 0, minute: 0, second: 0),
            to: .wallClock(year: 2024, month: 1, day: 8, hour: 0, minute: 0, second: 0), timeZone: moscow)
        window.stateFile = stateFolder + "/demo-changes.state.json"
        var spec = PipelineSpec(
            name: "demo-changes", source: DemoPipeline.spec.source, window: window, normalize: DemoPipeline.spec.normalize,
            columns: [.defaults, .field("statusTitle", title: "Статус")],
            outputs: [
                OutputSpec(format: .csv, path: "exports/{name}.csv", delimiter: UInt8(ascii: ";"), bom: true, content: .changes),
                OutputSpec(format: .ndjson, path: "exports/{name}.ndjson", content: .changes),
                OutputSpec(format: .xlsx, path: "exports/{name}-snapshot.xlsx", content: .snapshot),
            ])
        spec.changes = ChangesSpec(rescanSeconds: 30 * 86_400)
        return spec
    }

    /// Starts the fake Liner API with `leads` leads, runs the changes pipeline, moves the account a day
    /// forward, runs it again, and shuts the server down. The state lives in a temporary folder,
    /// removed afterwards, so every demo starts from the first run.
    /// - Parameter report: told each run's summary with a line saying what the account did before it.
    public static func run(
        leads: Int = DemoPipeline.leadCount, logger: Logger, report: (String, RunSummary) -> Void
    ) async throws {
        var configuration = MockServerConfiguration()
        configuration.dataset.leadCount = leads
        let stateFolder = NSTemporaryDirectory() + "liner-export-demo-changes-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: stateFolder) }
        let server = try await MockLinerServer.start(configuration)
        do {
            var spec = spec(stateFolder: stateFolder)
            spec.source.baseURL = server.baseURL
            let runner = ExportRunner(spec: spec, apiKey: APIKey(configuration.apiKey), logger: logger)
            report("changes run 1: the first run tracks every lead (all created)", try await runner.run())
            try server.advance(to: 1)
            let truth = server.changes(from: 0, to: 1)
            report(
                "changes run 2, after the fake account moved a day forward (\(truth.created.count) leads created, "
                    + "\(truth.updated.count) changed, \(truth.archived.count) archived)", try await runner.run())
            try await server.shutdown()
        } catch {
            try? await server.shutdown()
            throw error
        }
    }
}
