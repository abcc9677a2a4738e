/// Every output of a run: opened together, written together, and then either all published or all
/// discarded, so a failed run never replaces a good file with part of a new one.
final class OutputSet {
    /// One output: its current file and writer, and the parts already full (`maxRowsPerFile`).
    private final class Output {
        let spec: OutputSpec
        let path: String
        var file: AtomicOutputFile
        var writer: RecordWriter
        var rowsInPart = 0
        /// Finished parts, waiting to be published with the rest.
        var parts: [(file: AtomicOutputFile, rows: Int)] = []
        /// Warnings of the finished parts' writers.
        var partWarnings = NormalizationWarnings()

        init(spec: OutputSpec, path: String, file: AtomicOutputFile, writer: RecordWriter) {
            self.spec = spec
            self.path = path
            self.file = file
            self.writer = writer
        }

        var allFiles: [AtomicOutputFile] { parts.map(\.file) + [file] }
    }

    private var outputs: [Output] = []
    private let layout: ColumnLayout
    private let metadata: ExportMetadata?
    private(set) var rows = 0
    private var isFinished = false
    /// Told each output's format as its writer is finished (an XLSX is zipped then), for progress reports.
    private let finishing: (OutputFormat) -> Void

    /// Opens a temporary file and a writer per output.
    /// - Parameter paths: the rendered path of each output, in the order of `specs` (`{part}` still in it).
    /// - Parameter metadata: what self-describing formats (XLSX's `Export` sheet, XML's root) record of the run.
    /// - Parameter finishing: told each output's format as its writer is finished, before publishing.
    init(
        specs: [OutputSpec], paths: [String], layout: ColumnLayout, metadata: ExportMetadata? = nil,
        finishing: @escaping (OutputFormat) -> Void = { _ in }
    ) throws {
        self.layout = layout
        self.metadata = metadata
        self.finishing = finishing
        do {
            for (spec, path) in zip(specs, paths) {
                let (file, writer) = try Self.open(spec, path: OutputPathTemplate.part(1, in: path), layout: layout, metadata: metadata)
                outputs.append(Output(spec: spec, path: path, file: file, writer: writer))
            }
        } catch {
            discard()
            throw error
        }
    }

    private static func open(
        _ spec: OutputSpec, path: String, layout: ColumnLayout, metadata: ExportMetadata?
    ) throws -> (AtomicOutputFile, RecordWriter) {
        // libxlsxwriter reopens its file by path: that file gets a private folder of its own.
        let file = try AtomicOutputFile(finalPath: path, gzip: spec.isGzip, isReopenedByLibrary: spec.format == .xlsx)
        do {
            return (file, try makeWriter(spec, file: file, layout: layout, metadata: metadata))
        } catch {
            file.discard()
            throw error
        }
    }

    private static func makeWriter(
        _ spec: OutputSpec, file: AtomicOutputFile, layout: ColumnLayout, metadata: ExportMetadata?
    ) throws -> RecordWriter {
        switch spec.format {
        case .csv:
            return try CSVWriter(
                file: file, titles: layout.titles, delimiter: spec.delimiter, bom: spec.bom, formulaGuard: spec.formulaGuard,
                listSeparator: spec.listSeparator)
        case .ndjson:
            return NDJSONWriter(file: file, layout: layout, shape: spec.shape)
        case .xlsx:
            return try XLSXWriter(
                file: file, columns: layout.columns, listSeparator: spec.listSeparator, columnWidths: spec.columnWidths,
                metadata: spec.exportSheet ? metadata : nil)
        case .xml:
            switch spec.flavor {
            case .records:
                return try XMLRecordsWriter(file: file, columns: layout.columns, metadata: metadata)
            case .spreadsheet:
                return try SpreadsheetMLWriter(file: file, columns: layout.columns, listSeparator: spec.listSeparator, metadata: metadata)
            }
        }
    }

    /// What the writers changed to fit their formats (cut cells, forbidden characters), summed.
    var warnings: NormalizationWarnings {
        var total = NormalizationWarnings()
        for output in outputs {
            total.merge(output.partWarnings)
            total.merge(output.writer.warnings)
        }
        return total
    }

    func write(_ record: Record) throws {
        for output in outputs {
            if let limit = output.spec.maxRowsPerFile, output.rowsInPart == limit { try startNextPart(of: output) }
            try output.writer.write(record)
            output.rowsInPart += 1
        }
        rows += 1
    }

    /// Finishes the full part of a split output (it stays unpublished) and opens the next one.
    private func startNextPart(of output: Output) throws {
        try output.writer.finish()
        output.partWarnings.merge(output.writer.warnings)
        output.parts.append((output.file, output.rowsInPart))
        let (file, writer) = try Self.open(
            output.spec, path: OutputPathTemplate.part(output.parts.count + 1, in: output.path), layout: layout, metadata: metadata)
        output.file = file
        output.writer = writer
        output.rowsInPart = 0
    }

    /// Finishes every writer and renames every file into place, parts in order.
    func publish() throws -> [RunSummary.File] {
        try finishWriters(reporting: true)
        var files: [RunSummary.File] = []
        for output in outputs {
            for (file, rows) in output.parts + [(output.file, output.rowsInPart)] {
                try file.publish()
                files.append(.init(
                    path: file.finalPath, format: output.spec.format, bytes: file.bytesWritten, rows: rows, sha256: file.sha256))
            }
        }
        return files
    }

    /// Finishes what can be finished and removes every temporary file; published paths stay as they were.
    func discard() {
        try? finishWriters()
        outputs.forEach { $0.allFiles.forEach { $0.discard() } }
    }

    /// Calls `finish()` once on each writer, even when an earlier one fails.
    /// - Parameter reporting: tell `finishing` about each (not when discarding).
    private func finishWriters(reporting: Bool = false) throws {
        guard !isFinished else { return }
        isFinished = true
        var firstError: Error?
        for output in outputs {
            if reporting { finishing(output.spec.format) }
            do { try output.writer.finish() } catch { firstError = firstError ?? error }
        }
        if let firstError { throw firstError }
    }
}
