import Foundation

/// A starter pipeline file, as `liner-export init` writes it: every section explained in `"$comment"`
/// keys, and valid as written (`validate` accepts it once the token is set).
public enum PipelineTemplate: String, CaseIterable, Sendable {
    /// Yesterday's leads every night, resumable, with a metrics textfile: `pipelines/nightly.json`,
    /// the pipeline `deploy/` runs.
    case nightly
    /// A fixed range of days, fetched and checkpointed a week at a time, to CSV and XLSX.
    case dump
    /// Every night, yesterday's new leads and what changed in the last 30 days: `pipelines/nightly-changes.json`.
    case changes

    /// Where `init` writes the template when no `--output` is given.
    public var defaultPath: String { "pipelines/\(rawValue).json" }

    /// The file's text for the account at `baseURL` (written without a trailing `/`).
    /// - Throws: `ExportError.badPipeline` naming `--base-url` when a pipeline would refuse `baseURL`.
    public func text(baseURL: String) throws -> String {
        // Checked as given, so that the error quotes what the user typed.
        do {
            _ = try PipelineLoader.decode(Data(try rendered(baseURL: baseURL).utf8), origin: "--base-url")
        } catch let error as ExportError {
            throw ExportError.badPipeline(
                error.message.replacingOccurrences(of: "--base-url: source.baseURL: ", with: "--base-url: "))
        }
        var trimmed = baseURL
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        return try rendered(baseURL: trimmed)
    }

    /// `body` with `baseURL` in place, as a JSON string.
    private func rendered(baseURL: String) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        let quoted = String(decoding: try encoder.encode(baseURL), as: UTF8.self)
        return body.replacingOccurrences(of: "\"BASE_URL\"", with: quoted)
    }

    /// Writes `text` to `path`, creating its folder. Without `replacing`, an existing file (or symlink)
    /// is left alone: the file is created with `O_EXCL`.
    /// - Throws: `ExportError.badPipeline` when the file exists and `replacing` is false;
    ///   `ExportError.output` when it cannot be written.
    public static func write(_ text: String, to path: String, replacing: Bool) throws {
        let folder = folderPath(of: path)
        if !folder.isEmpty {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw ExportError.output("cannot create the folder \(folder): \(error.localizedDescription)", underlying: error)
            }
        }
        if replacing {
            try AtomicOutputFile.write(Array(text.utf8), to: path)
            return
        }
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            if errno == EEXIST {
                throw ExportError.badPipeline("\(path) exists already; --force replaces it, --output - prints the pipeline instead")
            }
            throw ExportError.output("cannot create \(path): \(String(cString: strerror(errno)))")
        }
        let handle = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
        do {
            try handle.write(contentsOf: Data(text.utf8))
            try handle.synchronize()
        } catch {
            unlink(path)
            throw ExportError.output("cannot write \(path): \(error.localizedDescription)", underlying: error)
        }
    }
}
