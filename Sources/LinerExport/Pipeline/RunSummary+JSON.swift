import Foundation

extension RunSummary {
    /// Normalization and writer warnings by kind and field (`invalid_phone` → `phone` → 3).
    var warningsByField: [String: [String: Int]] {
        warnings.counts.reduce(into: [:]) { $0[$1.key.kind.rawValue, default: [:]][$1.key.field, default: 0] += $1.value }
    }

    /// The summary as one line of JSON (`--summary-format json`), for logs read by a program: the
    /// manifest's window and counts, the warnings, the files, the manifest's path and the exit code.
    public var json: String {
        let line = Line(
            status: exitCode == 0 ? "success" : "success_with_warnings", exitCode: Int(exitCode), pipeline: pipeline,
            window: RunManifest.Window(window), counts: RunManifest.Counts(self), rateLimitSlowdowns: rateLimitSlowdowns,
            repairs: repairs, warnings: runWarnings, warningsByField: warningsByField,
            files: files.map { Line.File(path: $0.path, format: $0.format.rawValue, bytes: $0.bytes, rows: $0.rows) },
            manifest: manifestPath, durationSeconds: (durationSeconds * 1000).rounded() / 1000)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Every member is a string, a number or a collection of them: encoding cannot fail.
        return String(decoding: (try? encoder.encode(line)) ?? Data("{}".utf8), as: UTF8.self)
    }

    private struct Line: Encodable {
        struct File: Encodable {
            let path: String
            let format: String
            let bytes: Int
            let rows: Int
        }

        let status: String
        let exitCode: Int
        let pipeline: String
        let window: RunManifest.Window
        let counts: RunManifest.Counts
        let rateLimitSlowdowns: Int
        let repairs: [String: Int]
        let warnings: [String: Int]
        let warningsByField: [String: [String: Int]]
        let files: [File]
        let manifest: String?
        let durationSeconds: Double
    }
}
