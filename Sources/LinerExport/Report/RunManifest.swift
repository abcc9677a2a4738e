import Foundation
import Synchronization

/// The manifest (`<name>.manifest.json` beside the outputs, or `manifest.path`), written after the
/// outputs are published: what the run was (pipeline, window, filters), what it counted, and each file
/// with its size, rows and SHA-256, so a downstream job can check it got whole files of the run it
/// expects. File paths are relative to the manifest's folder, so `sha256sum -c` works from there
/// wherever the tool ran and wherever the export folder is moved. It never holds the token.
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
        let windowProbes: Int
        let requests: Int
        let retries: [String: Int]
        let repairPasses: Int
        /// Changes capture's counts; absent for a run without it.
        let changes: ChangeCounts?

        init(_ summary: RunSummary) {
            changes = summary.changes
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
            windowProbes = summary.windowProbes
            requests = summary.requests
            retries = summary.retries
            repairPasses = summary.repairPasses
        }
    }

    struct File: Encodable {
        /// Relative to the manifest's folder.
        let path: String
        /// `leads` for an output of the window, `changes` or `snapshot` for changes capture's, `rejects`
        /// for the rejects file.
        let content: String
        let format: String
        let bytes: Int
        let rows: Int
        let sha256: String
    }

    /// 2: file paths are relative to the manifest's folder (1: to the folder the tool ran in).
    let manifestVersion = 2
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

    /// - Parameter path: where the manifest goes; its files' paths are written relative to its folder.
    /// - Throws: `ExportError.output` when a published file cannot be read back to hash it.
    init(spec: PipelineSpec, summary: RunSummary, path: String, startedAt: Date, finishedAt: Date) throws {
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
                path: Self.relativePath(of: $0.path, fromFolderOf: path), content: $0.isRejects ? "rejects" : $0.content == .window ? "leads" : $0.content.rawValue,
                format: $0.format.rawValue, bytes: $0.bytes, rows: $0.rows, sha256: $1)
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

    /// `file` as seen from the folder of `manifest` (`leads.csv`, `csv/leads.csv`, `../xlsx/leads.xlsx`);
    /// relative paths of both are read from the working folder. Symlinks are not resolved: the paths
    /// are compared as written.
    static func relativePath(of file: String, fromFolderOf manifest: String) -> String {
        let fileParts = absoluteComponents(file)
        let folderParts = absoluteComponents(manifest).dropLast()
        var common = 0
        while common < min(fileParts.count - 1, folderParts.count), fileParts[common] == folderParts[common] { common += 1 }
        let up = Array(repeating: "..", count: folderParts.count - common)
        return (up + fileParts[common...]).joined(separator: "/")
    }

    /// The components of `path` made absolute against the working folder, `.` and `..` resolved.
    private static func absoluteComponents(_ path: String) -> [String] {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var parts: [String] = []
        for part in absolute.split(separator: "/") where part != "." {
            if part == ".." { _ = parts.popLast() } else { parts.append(String(part)) }
        }
        return parts
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
