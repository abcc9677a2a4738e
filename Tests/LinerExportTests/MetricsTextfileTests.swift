import Foundation
import LinerMock
import Testing
@testable import LinerExport

/// The Prometheus textfile, read back with the official Python client's parser (what node_exporter's
/// format is), after a successful run and after a failed one.
struct MetricsTextfileTests {
    /// Every sample as `name{label=value,…}` → value, from `prometheus_client.parser`.
    static func samples(_ path: String) throws -> [String: Double] {
        let script = """
            import json, sys
            from prometheus_client.parser import text_string_to_metric_families
            out = {}
            for family in text_string_to_metric_families(open(sys.argv[1], encoding="utf-8").read()):
                assert family.type == "gauge", family.name
                for s in family.samples:
                    labels = ",".join("%s=%s" % kv for kv in sorted(s.labels.items()) if kv[0] != "pipeline")
                    assert s.labels.get("pipeline") == "test", s
                    out["%s{%s}" % (s.name, labels)] = s.value
            json.dump(out, sys.stdout)
            """
        // Debian's python3 has python3-prometheus-client (scripts/setup.sh).
        let result = try runProgram(["/usr/bin/python3", "-c", script, path])
        guard result.status == 0 else { throw ProgramFailed(description: "prometheus_client could not read \(path): \(result.errors)") }
        return try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Double] ?? [:]
    }

    @Test func successThenFailureKeepsTheLastSuccessTimestamp() async throws {
        try await withTemporaryFolder { folder in
            let metricsPath = folder + "/node/liner.prom"
            var configuration = EndToEndTests.configuration(leads: 2_000)
            configuration.apiKey = "metrics-secret-token"
            let firstRunEnd = Date(timeIntervalSince1970: 1_700_000_000.25)
            let summary = try await withMockServer(configuration) { server in
                let spec = makeTestPipeline(server: server, folder: folder) {
                    $0.window = EndToEndTests.window
                    $0.source.requestsPerSecond = 0
                    $0.metrics = MetricsSpec(textfile: metricsPath)
                }
                return try await ExportRunner(
                    spec: spec, apiKey: APIKey(configuration.apiKey), logger: quietLogger, currentDate: { firstRunEnd }
                ).run()
            }
            let first = try Self.samples(metricsPath)
            #expect(first["liner_export_last_run_success{}"] == 1)
            #expect(first["liner_export_last_run_exit_code{}"] == 0)
            #expect(first["liner_export_last_run_leads_exported{}"] == Double(summary.leads))
            #expect(first["liner_export_last_run_requests{}"] == Double(summary.requests))
            #expect(first["liner_export_last_run_warnings{}"] == Double(summary.runWarnings.values.reduce(0, +)))
            let lastSuccess = try #require(first["liner_export_last_success_timestamp_seconds{}"])
            #expect(lastSuccess == 1_700_000_000.25)
            #expect(first["liner_export_last_run_timestamp_seconds{}"] == lastSuccess)
            #expect(!first.keys.contains { $0.hasPrefix("liner_export_last_run_error") })

            // The server now fails every request: the run fails, and the file says so, keeping the success.
            configuration.faults.errorRate = 1
            let secondRunEnd = Date(timeIntervalSince1970: 1_700_000_060.5)
            try await withMockServer(configuration) { server in
                let spec = makeTestPipeline(server: server, folder: folder) {
                    $0.window = EndToEndTests.window
                    $0.source.maxAttempts = 3
                    $0.source.retryBaseDelaySeconds = 0.01
                    $0.source.retryMaxDelaySeconds = 0.02
                    $0.metrics = MetricsSpec(textfile: metricsPath)
                }
                let runner = ExportRunner(
                    spec: spec, apiKey: APIKey(configuration.apiKey), logger: quietLogger, currentDate: { secondRunEnd })
                await #expect(throws: ExportError.self) { try await runner.run() }
            }
            let second = try Self.samples(metricsPath)
            #expect(second["liner_export_last_run_success{}"] == 0)
            #expect(second["liner_export_last_run_exit_code{}"] == 1)
            #expect(second["liner_export_last_run_error{kind=server_refused}"] == 1)
            #expect(second["liner_export_last_success_timestamp_seconds{}"] == lastSuccess, "a failure keeps the last success")
            #expect(second["liner_export_last_run_timestamp_seconds{}"] == 1_700_000_060.5)
            #expect(second["liner_export_last_run_leads_exported{}"] == 0)
            #expect((second["liner_export_last_run_retries{}"] ?? 0) >= 2)
            #expect(second.keys.contains { $0.hasPrefix("liner_export_last_run_retries_by_reason{reason=http_5") })
            let text = try String(contentsOfFile: metricsPath, encoding: .utf8)
            #expect(!text.contains(configuration.apiKey), "the metrics never hold the token")
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/node") == ["liner.prom"], "no temporary file left")
        }
    }

    /// A run refused by the state lock did nothing: the run holding the lock owns the file, so a cron
    /// overlap must not record `last_run_success 0` (and a file that did not exist stays absent).
    @Test func aRunRefusedByTheLockLeavesTheMetricsAlone() async throws {
        try await withTemporaryFolder { folder in
            var window = utcWindow(from: "2024-01-01T00:00:00Z", to: "2024-01-02T00:00:00Z")
            window.stateFile = folder + "/state.json"
            let metricsPath = folder + "/node/liner.prom"
            try await withMockServer { server in
                var spec = CheckpointTests.spec(server, folder: folder, window: window)
                spec.metrics = MetricsSpec(textfile: metricsPath)
                let holder = StateStore(path: folder + "/state.json")
                try holder.lock(pipeline: "test")
                defer { holder.unlock() }
                let runner = ExportRunner(spec: spec, apiKey: APIKey("mock-liner-key"), logger: quietLogger)
                await #expect(throws: ExportError.locked("")) { try await runner.run() }
                #expect(!FileManager.default.fileExists(atPath: metricsPath), "no file where there was none")

                let previous = "# a previous run's file\n"
                try FileManager.default.createDirectory(atPath: folder + "/node", withIntermediateDirectories: true)
                try previous.write(toFile: metricsPath, atomically: true, encoding: .utf8)
                await #expect(throws: ExportError.locked("")) { try await runner.run() }
                #expect(try String(contentsOfFile: metricsPath, encoding: .utf8) == previous)
            }
        }
    }

    @Test func missingTokenIsRecordedByTheCommandLine() throws {
        try CommandLineTests.withPipeline("""
            {"version": 1, "name": "test", "source": {"baseURL": "https://example.liner.host", "apiKeyEnv": "LINER_TEST_ABSENT"},
             "window": {"from": "2024-01-01", "to": "2024-01-02", "timeZone": "UTC"},
             "outputs": [{"format": "csv", "path": "out/x.csv"}], "metrics": {"textfile": "node/liner.prom"}}
            """) { folder, path in
            let result = try CommandLineTests.run(["run", "--quiet", path], in: folder)
            #expect(result.status == 2, "\(result.errors)")
            let samples = try Self.samples(folder + "/node/liner.prom")
            #expect(samples["liner_export_last_run_error{kind=missing_credentials}"] == 1)
            #expect(samples["liner_export_last_run_exit_code{}"] == 2)
            #expect(!FileManager.default.fileExists(atPath: folder + "/out"))
        }
    }

    @Test func firstRunThatFailsReportsNeverSucceeded() throws {
        try withTemporaryFolder { folder in
            let metrics = MetricsTextfile(
                pipeline: "test", outcome: .failure(.locked("held \"by\" another\nrun"), exitCode: 1, requests: 0, retries: [:]),
                finishedAt: Date(timeIntervalSince1970: 1_700_000_000), durationSeconds: 0.25,
                previousSuccess: MetricsTextfile.previousSuccess(at: folder + "/missing.prom"))
            try metrics.write(to: folder + "/x.prom")
            let samples = try Self.samples(folder + "/x.prom")
            #expect(samples["liner_export_last_success_timestamp_seconds{}"] == 0)
            #expect(samples["liner_export_last_run_timestamp_seconds{}"] == 1_700_000_000)
            #expect(samples["liner_export_last_run_duration_seconds{}"] == 0.25)
            #expect(samples["liner_export_last_run_error{kind=locked}"] == 1)
        }
    }

    @Test(arguments: [
        (#"{"textfile": "metrics.txt"}"#, "metrics.textfile: expected a file name ending in .prom"),
        (#"{"textfile": "dir/.prom"}"#, "metrics.textfile: expected a file name ending in .prom"),
        (#"{"path": "x.prom"}"#, "metrics.path: unknown key"),
    ])
    func badMetricsKeysAreRefused(metrics: String, message: String) throws {
        let document = PipelineSpecTests.valid.replacingOccurrences(of: #""columns": ["*"],"#, with: #""columns": ["*"], "metrics": \#(metrics),"#)
        let error = #expect(throws: ExportError.self) { try PipelineLoader.decode(Data(document.utf8), origin: "x.json") }
        #expect(error?.message.hasPrefix("x.json: " + message) == true, "got: \(error?.message ?? "no error")")
        #expect(try !PipelineSchemaTests.schemaErrors([document])[0].isEmpty, "the schema refuses it too")
    }
}
