import Foundation

/// The Prometheus text-format file a run leaves for node_exporter's textfile collector: when it last
/// succeeded, how it ended, how long it took, what it exported, retried and warned about.
///
/// It is replaced atomically after every run, failed ones too (except a run refused because another
/// holds the lock, which leaves the file to that run), so an alert on
/// `time() - liner_export_last_success_timestamp_seconds` fires when nightly runs stop succeeding;
/// a failed run carries the last success's timestamp over from the previous file.
struct MetricsTextfile {
    /// How a run ended.
    enum Outcome {
        case success(RunSummary)
        /// `exitCode`: the process's (the error's, or 128 + the signal for a run a signal stopped).
        case failure(ExportError, exitCode: Int32, requests: Int, retries: [String: Int])
    }

    let pipeline: String
    let outcome: Outcome
    let finishedAt: Date
    let durationSeconds: Double
    /// Unix seconds of the last successful run before this one (from the previous file), if any.
    let previousSuccess: Double?

    /// The file's text.
    var text: String {
        var out = ""
        let base = "pipeline=\"\(Self.escape(pipeline))\""
        func gauge(_ name: String, _ help: String, _ samples: [(labels: String, value: Double)]) {
            out += "# HELP liner_export_\(name) \(help)\n# TYPE liner_export_\(name) gauge\n"
            for sample in samples {
                let labels = sample.labels.isEmpty ? base : base + "," + sample.labels
                out += "liner_export_\(name){\(labels)} \(Self.format(sample.value))\n"
            }
        }
        let finished = finishedAt.timeIntervalSince1970
        var lastSuccess = previousSuccess ?? 0
        var success = 0.0, exitCode = 1.0, leads = 0.0, requests = 0, retries: [String: Int] = [:], warnings: [String: Int] = [:]
        var formulaGuarded = 0
        var changes: ChangeCounts?
        var errorKind: String?
        switch outcome {
        case .success(let summary):
            lastSuccess = finished
            success = 1
            exitCode = Double(summary.exitCode)
            leads = Double(summary.leads)
            requests = summary.requests
            retries = summary.retries
            warnings = summary.runWarnings
            formulaGuarded = summary.formulaGuarded.values.reduce(0, +)
            changes = summary.changes
        case .failure(let error, let failedExitCode, let failedRequests, let failedRetries):
            exitCode = Double(failedExitCode)
            requests = failedRequests
            retries = failedRetries
            errorKind = error.kind
        }
        gauge("last_success_timestamp_seconds", "Unix time the pipeline last published its outputs (0: never).", [("", lastSuccess)])
        gauge("last_run_timestamp_seconds", "Unix time the last run ended, successful or not.", [("", finished)])
        gauge("last_run_success", "1 when the last run published its outputs, 0 when it failed.", [("", success)])
        gauge("last_run_exit_code", "Exit code of the last run (0 ok, 1 failed, 2 bad pipeline, 3 token refused, 4 warnings, 130/143 stopped by SIGINT/SIGTERM).", [("", exitCode)])
        gauge("last_run_error", "The kind of error that ended the last run (1), absent after a success.",
              errorKind.map { [("kind=\"\(Self.escape($0))\"", 1)] } ?? [])
        gauge("last_run_duration_seconds", "Wall time of the last run.", [("", (durationSeconds * 1000).rounded() / 1000)])
        gauge("last_run_leads_exported", "Leads written to every output by the last run (0 when it failed).", [("", leads)])
        gauge("last_run_requests", "HTTP requests the last run sent, retries included.", [("", Double(requests))])
        gauge("last_run_retries", "Retries of the last run, all reasons.", [("", Double(retries.values.reduce(0, +)))])
        gauge("last_run_retries_by_reason", "Retries of the last run by reason (http_503, http_429, transport, ...).",
              retries.sorted { $0.key < $1.key }.map { ("reason=\"\(Self.escape($0.key))\"", Double($0.value)) })
        gauge("last_run_warnings", "Warnings of the last run, all kinds.", [("", Double(warnings.values.reduce(0, +)))])
        gauge("last_run_warnings_by_kind", "Warnings of the last run by kind (invalid_phone, unparseable_date, ...).",
              warnings.sorted { $0.key < $1.key }.map { ("kind=\"\(Self.escape($0.key))\"", Double($0.value)) })
        gauge("last_run_formula_guarded", "CSV cells the last run gave the formula guard's prefix (not warnings).",
              [("", Double(formulaGuarded))])
        if let changes {
            gauge("last_run_changes", "Rows of the last run's change set by type (created, updated, archived).",
                  [("created", changes.created), ("updated", changes.updated), ("archived", changes.archived)]
                      .map { ("type=\"\($0.0)\"", Double($0.1)) })
            gauge("last_run_tracked_leads", "Leads changes capture tracks after the last run.", [("", Double(changes.tracked))])
        }
        return out
    }

    /// Writes the file atomically (temporary file + rename in the same folder).
    /// - Throws: `ExportError.output`.
    func write(to path: String) throws {
        let file = try AtomicOutputFile(finalPath: path)
        do {
            try file.append(Array(text.utf8))
            try file.publish()
        } catch {
            file.discard()
            throw error
        }
    }

    /// The last success's Unix time recorded in an earlier file at `path`, if there is one.
    static func previousSuccess(at path: String) -> Double? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("liner_export_last_success_timestamp_seconds{") {
            if let value = line.split(separator: " ").last.flatMap({ Double($0) }), value > 0 { return value }
        }
        return nil
    }

    /// A label value as the text format wants it: backslash, double quote and line feed escaped.
    static func escape(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }

    /// Integers without a fraction, other values with up to three decimals.
    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(format: "%.3f", value)
    }
}
