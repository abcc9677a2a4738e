import Foundation
import Synchronization

/// `<name>.manifest.json`, written beside the outputs after they are published: what the run was
/// (pipeline, window, filters), what it counted, and each file with its size, rows and SHA-256, so a
/// downstream job can check it got whole files of the run it expects. It never holds the token.
struct RunManifest: Encodable {
    struct Window: Encodable {
        let from: String
        let to: String
        let timeZone: String

        /// The window's bounds written in its own time zone.
        init(_ window: ResolvedWindow) {
            let zoned = TimestampFormatter(timeZone: window.timeZone)
            from = zoned.iso8601(window.from)
            to = zoned.iso8601(window.to)
            timeZone = window.timeZone.identifier == "GMT" ? "UTC" : window.timeZone.identifier
        }
    }

    struct Filters: Encodable {
        let orderIds: [Int]
        let statusIds: [Int]
        let statusFilter: String
    }

    struct Counts: Encodable {
        let leads: Int
        let serverTotal: Int?
        let duplicatesSkipped: Int
        let overlapSkipped: Int
        let filteredOut: Int
        let secondarySkipped: Int
        let windows: Int
        let windowsResumed: Int
        let windowsSplit: Int
        let pages: Int
        let requests: Int
        let retries: [String: Int]
        let repairPasses: Int

        init(_ summary: RunSummary) {
            leads = summary.leads
            serverTotal = summary.serverTotal
            duplicatesSkipped = summary.duplicatesSkipped
            overlapSkipped = summary.overlapSkipped
            filteredOut = summary.filteredOut
            secondarySkipped = summary.secondarySkipped
            windows = summary.windows
            windowsResumed = summary.windowsResumed
            windowsSplit = summary.windowsSplit
            pages = summary.pages
            requests = summary.requests
            retries = summary.retries
            repairPasses = summary.repairPasses
        }
    }

    struct File: Encodable {
        let path: String
        /// `leads` for an output, `rejects` for the rejects file.
        let content: String
        let format: String
        let bytes: Int
        let rows: Int
        let sha256: String
    }

    let manifestVersion = 1
    let tool: String
    let pipeline: String
    let status: String
    let startedAt: String
    let finishedAt: String
    let durationSeconds: Double
    let window: Window
    let filters: Filters
    let counts: Counts
    /// Every warning of the run by kind (`invalid_phone`, `cell_truncated`, `leads_left_filter`).
    let warnings: [String: Int]
    /// Normalization and writer warnings by kind and field (`invalid_phone` → `phone` → 3).
    let warningsByField: [String: [String: Int]]
    /// CSV cells given the formula guard's prefix by field (`csv: instagram` → 1025); not warnings.
    let formulaGuarded: [String: Int]
    let files: [File]

    /// - Throws: `ExportError.output` when a published file cannot be read back to hash it.
    init(spec: PipelineSpec, summary: RunSummary, startedAt: Date, finishedAt: Date) throws {
        let utc = TimestampFormatter(timeZone: .gmt)
        let zoned = TimestampFormatter(timeZone: summary.window.timeZone)
        tool = ToolVersion.text
        pipeline = spec.name
        status = summary.exitCode == 0 ? "success" : "success_with_warnings"
        self.startedAt = utc.iso8601(Timestamp(date: startedAt))
        self.finishedAt = utc.iso8601(Timestamp(date: finishedAt))
        durationSeconds = (summary.durationSeconds * 1000).rounded() / 1000
        window = Window(summary.window)
        filters = Filters(
            orderIds: spec.filters.orderIds.map { Int($0) }, statusIds: spec.filters.statusIds.map { Int($0) },
            statusFilter: spec.filters.statusFilter.rawValue)
        counts = Counts(summary)
        warnings = summary.runWarnings
        warningsByField = summary.warningsByField
        formulaGuarded = summary.formulaGuarded
        let digests = try Self.digests(of: summary.files)
        files = zip(summary.files, digests).map {
            File(
                path: $0.path, content: $0.isRejects ? "rejects" : "leads", format: $0.format.rawValue, bytes: $0.bytes, rows: $0.rows,
                sha256: $1)
        }
    }

    /// The SHA-256 of each file: the one taken as it was written, else read back from the file
    /// (libxlsxwriter writes its files itself), those files hashed at the same time.
    static func digests(of files: [RunSummary.File]) throws -> [String] {
        let results = Mutex([Result<String, any Error>?](repeating: nil, count: files.count))
        DispatchQueue.concurrentPerform(iterations: files.count) { index in
            let digest = Result { try files[index].sha256 ?? SHA256.hexDigest(ofFile: files[index].path) }
            results.withLock { $0[index] = digest }
        }
        return try results.withLock { $0 }.map { try $0!.get() }
    }

    /// `<folder of the first output>/<pipeline name>.manifest.json`.
    static func path(spec: PipelineSpec, outputPaths: [String]) -> String {
        PipelineSpec.pathBesideFirstOutput(spec.name + ".manifest.json", outputPaths: outputPaths)
    }

    /// Writes the manifest atomically (temporary file + rename).
    /// - Throws: `ExportError.output`.
    func write(to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data: Data
        do { data = try encoder.encode(self) } catch { throw ExportError.output("cannot encode the manifest: \(error)", underlying: error) }
        let file = try AtomicOutputFile(finalPath: path)
        do {
            try file.append(data)
            try file.append([UInt8(ascii: "\n")])
            try file.publish()
        } catch {
            file.discard()
            throw error
        }
    }
}
