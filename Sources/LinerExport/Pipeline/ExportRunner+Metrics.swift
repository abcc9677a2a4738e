import Foundation
import Logging

extension ExportRunner {
    /// Records in the pipeline's metrics textfile (when it has one) a run that failed before an
    /// `ExportRunner` could start, such as a missing token, so monitoring sees it like any failure.
    public static func recordFailure(_ error: ExportError, spec: PipelineSpec, logger: Logger) {
        writeMetrics(spec: spec, logger: logger, .failure(error, requests: 0, retries: [:]), finishedAt: Date(), durationSeconds: 0)
    }

    /// Replaces the metrics textfile, when the pipeline has one; a failure to write it is logged, not thrown.
    static func writeMetrics(
        spec: PipelineSpec, logger: Logger, _ outcome: MetricsTextfile.Outcome, finishedAt: Date, durationSeconds: Double
    ) {
        guard let path = spec.metrics?.textfile else { return }
        let metrics = MetricsTextfile(
            pipeline: spec.name, outcome: outcome, finishedAt: finishedAt, durationSeconds: durationSeconds,
            previousSuccess: MetricsTextfile.previousSuccess(at: path))
        do { try metrics.write(to: path) } catch {
            logger.error("the metrics textfile could not be written", metadata: ["path": "\(path)", "error": "\(error)"])
        }
    }
}
