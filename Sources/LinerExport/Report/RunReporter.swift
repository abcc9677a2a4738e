import Foundation
import Logging

/// Tells the world how a run ended: the manifest beside the outputs after a success, and the
/// metrics textfile (when the pipeline has one) either way. A manifest that cannot be written is
/// logged; a metrics textfile that cannot be written after a success fails the run (exit 1) even
/// though its outputs are published, since monitoring would otherwise go on showing the previous run.
struct RunReporter {
    let spec: PipelineSpec
    let logger: Logger
    /// The wall-clock time the manifest and the metrics textfile are stamped with.
    let currentDate: @Sendable () -> Date

    /// Writes the manifest and the metrics of a published run.
    /// - Returns: `summary` with the manifest's path, when it was written.
    /// - Throws: `ExportError.output` when the metrics textfile cannot be written; its message says the
    ///   outputs are published.
    func reportSuccess(_ summary: RunSummary, startedAt: Date) throws -> RunSummary {
        var summary = summary
        let finishedAt = currentDate()
        let manifestPath = spec.manifestPath(for: summary.window)
        do {
            try RunManifest(spec: spec, summary: summary, path: manifestPath, startedAt: startedAt, finishedAt: finishedAt)
                .write(to: manifestPath)
            summary.manifestPath = manifestPath
        } catch {
            // The outputs are published and the state has moved on: failing now would lie about both.
            logger.error("the manifest could not be written", metadata: ["path": "\(manifestPath)", "error": "\(error)"])
        }
        do {
            try writeMetrics(.success(summary), finishedAt: currentDate(), durationSeconds: summary.durationSeconds)
        } catch {
            var reason = (error as? ExportError)?.message ?? "\(error)"
            while reason.hasSuffix(".") { reason.removeLast() }
            let files = summary.files.count == 1 ? "1 file" : "\(summary.files.count) files"
            let manifest = summary.manifestPath.map { " (manifest \($0))" } ?? ""
            throw ExportError.output(
                "exported and published \(files)\(manifest), but the metrics textfile \(spec.metrics?.textfile ?? "") "
                    + "could not be written: \(reason); monitoring still shows the previous run",
                underlying: error)
        }
        return summary
    }

    /// Records a failed run in the metrics textfile. A run refused because another run holds the lock
    /// leaves it alone: that run is the one being monitored, and its outcome is the one to record.
    /// - Parameter exitCode: the code the process ends with (the error's, or 130/143 for a stopped run).
    func reportFailure(_ error: ExportError, exitCode: Int32, counters: FetchCounters, durationSeconds: Double) {
        if error.isLocked { return }
        do {
            try writeMetrics(
                .failure(error, exitCode: exitCode, requests: counters.requests, retries: counters.retries), finishedAt: currentDate(),
                durationSeconds: durationSeconds)
        } catch {
            // The run fails with its own error, the one to report.
            logger.error("the metrics textfile could not be written", metadata: ["path": "\(spec.metrics?.textfile ?? "")", "error": "\(error)"])
        }
    }

    /// Replaces the metrics textfile, when the pipeline has one.
    /// - Throws: `ExportError.output`.
    private func writeMetrics(_ outcome: MetricsTextfile.Outcome, finishedAt: Date, durationSeconds: Double) throws {
        guard let path = spec.metrics?.textfile else { return }
        let metrics = MetricsTextfile(
            pipeline: spec.name, outcome: outcome, finishedAt: finishedAt, durationSeconds: durationSeconds,
            previousSuccess: MetricsTextfile.previousSuccess(at: path))
        try metrics.write(to: path)
    }
}
