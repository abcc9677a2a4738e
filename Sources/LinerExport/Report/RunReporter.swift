import Foundation
import Logging

/// Tells the world how a run ended: the manifest after a success, and the
/// metrics textfile (when the pipeline has one) either way. Neither can fail the run: the outputs
/// are published (or the run failed already), so a report that cannot be written is logged.
struct RunReporter {
    let spec: PipelineSpec
    let logger: Logger
    /// The wall-clock time the manifest and the metrics textfile are stamped with.
    let currentDate: @Sendable () -> Date

    /// Writes the manifest and the metrics of a published run.
    /// - Returns: `summary` with the manifest's path, when it was written.
    func reportSuccess(_ summary: RunSummary, startedAt: Date) -> RunSummary {
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
        writeMetrics(.success(summary), finishedAt: currentDate(), durationSeconds: summary.durationSeconds)
        return summary
    }

    /// Records a failed run in the metrics textfile. A run refused because another run holds the lock
    /// leaves it alone: that run is the one being monitored, and its outcome is the one to record.
    func reportFailure(_ error: ExportError, counters: FetchCounters, durationSeconds: Double) {
        if error.isLocked { return }
        writeMetrics(
            .failure(error, requests: counters.requests, retries: counters.retries), finishedAt: currentDate(),
            durationSeconds: durationSeconds)
    }

    /// Replaces the metrics textfile, when the pipeline has one.
    private func writeMetrics(_ outcome: MetricsTextfile.Outcome, finishedAt: Date, durationSeconds: Double) {
        guard let path = spec.metrics?.textfile else { return }
        let metrics = MetricsTextfile(
            pipeline: spec.name, outcome: outcome, finishedAt: finishedAt, durationSeconds: durationSeconds,
            previousSuccess: MetricsTextfile.previousSuccess(at: path))
        do { try metrics.write(to: path) } catch {
            logger.error("the metrics textfile could not be written", metadata: ["path": "\(path)", "error": "\(error)"])
        }
    }
}
