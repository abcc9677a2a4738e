/// Every output of a run, and its rejects file: opened together, written together, and then either all
/// published or all discarded, so a failed run never replaces a good file with part of a new one.
final class OutputSet {
    /// One output: its current file and writer, and the parts already full (`maxRowsPerFile`).
    private final class Output {
        let spec: OutputSpec
        let path: String
        /// The run's columns; a change set's have `changeType` and `changedFields` first.
        let layout: ColumnLayout
        var file: AtomicOutputFile
        var writer: RecordWriter
        var rowsInPart = 0
        /// Finished parts, waiting to be published with the rest.
        var parts: [(file: AtomicOutputFile, rows: Int)] = []
        /// Warnings and guarded cells of the finished parts' writers.
        var partWarnings = NormalizationWarnings()
        var partFormulaGuarded: [String: Int] = [:]

        init(spec: OutputSpec, path: String, layout: ColumnLayout, file: AtomicOutputFile, writer: RecordWriter) {
            self.spec = spec
            self.path = path
            self.layout = layout
            self.file = file
            self.writer = writer
        }

        var allFiles: [AtomicOutputFile] { parts.map(\.file) + [file] }
    }

    private var outputs: [Output] = []
    /// The rejects file, when the pipeline has one.
    private var rejects: RejectsFile?
    private let metadata: ExportMetadata?
    private(set) var rows = 0
    private var isFinished = false
    /// Told each output's format as its writer is finished (an XLSX is zipped then), for progress reports.
    private let finishing: (OutputFormat) -> Void

    /// Opens a temporary file and a writer per output.
    /// - Parameter paths: the rendered path of each output, in the order of `specs` (`{part}` still in it).
    /// - Parameter metadata: what self-describing formats (XLSX's `Export` sheet, XML's root) record of the run.
    /// - Parameter rejects: the rejects file's rendered path and delimiter; nil for none.
    /// - Parameter finishing: told each output's format as its writer is finished, before publishing.
    init(
        specs: [OutputSpec], paths: [String], rejects: (path: String, delimiter: UInt8)? = nil, layout: ColumnLayout,
        metadata: ExportMetadata? = nil, finishing: @escaping (OutputFormat) -> Void = { _ in }
    ) throws {
        self.metadata = metadata
        self.finishing = finishing
        do {
            for (spec, path) in zip(specs, paths) {
                let layout = spec.content == .changes ? layout.prefixed(with: ChangeRow.columns) : layout
                let (file, writer) = try Self.open(spec, path: OutputPathTemplate.part(1, in: path), layout: layout, metadata: metadata)
                outputs.append(Output(spec: spec, path: path, layout: layout, file: file, writer: writer))
            }
            if let rejects {
                let file = try RejectsFile(path: rejects.path, delimiter: rejects.delimiter, layout: layout)
                self.rejects = file
                for output in outputs { try file.writeHeaderWarnings(of: output.writer) }
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
                file: file, titles: layout.titles, keys: layout.columns.map(\.key), delimiter: spec.delimiter, bom: spec.bom,
                formulaGuard: spec.formulaGuard, listSeparator: spec.listSeparator)
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
                return try SpreadsheetMLWriter(
                    file: file, columns: layout.columns, listSeparator: spec.listSeparator, columnWidths: spec.columnWidths,
                    metadata: metadata)
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

    /// Cells the CSV writers gave the formula guard's prefix, by field, summed.
    var formulaGuarded: [String: Int] {
        var total: [String: Int] = [:]
        for output in outputs {
            total.merge(output.partFormulaGuarded, uniquingKeysWith: +)
            total.merge(output.writer.formulaGuarded, uniquingKeysWith: +)
        }
        return total
    }

    /// Writes one lead's record to the outputs `route` names (a change set's with its change row's
    /// cells first), and, with a rejects file, a row per warning: those of normalization (`rejects`), then
    /// those each writer counts while writing the record (a writer counts a record's warnings before
    /// `write` returns).
    /// - Parameter leadID: the lead's id, nil when it has none.
    /// - Returns: whether any output took the record (nothing is written, rejects included, when none does).
    @discardableResult
    func write(_ record: Record, leadID: Int64?, rejects normalizationRejects: [RejectedValue], route: OutputRoute = OutputRoute()) throws -> Bool {
        guard outputs.contains(where: { route.includes($0.spec.content) }) else { return false }
        let changeRecord = route.change.map { $0.prefixing(record) }
        func row(for output: Output) -> Record { output.spec.content == .changes ? changeRecord! : record }
        guard let rejects else {
            for output in outputs where route.includes(output.spec.content) { try write(row(for: output), to: output) }
            rows += 1
            return true
        }
        try rejects.write(normalizationRejects, leadID: leadID)
        for output in outputs where route.includes(output.spec.content) {
            // A new part's writer counts afresh: start it before reading what the writer counted so far.
            if let limit = output.spec.maxRowsPerFile, output.rowsInPart == limit { try startNextPart(of: output) }
            let before = output.writer.warnings
            try write(row(for: output), to: output)
            let after = output.writer.warnings
            if after.total != before.total {
                // The rejects file reads cells by the run's columns: the record without the change row's.
                try rejects.write(rejects.writerRejects(before: before, after: after, record: record), leadID: leadID)
            }
        }
        rows += 1
        return true
    }

    /// Writes the rows of warnings a lead raised that is not written (a secondary lead left out).
    func reject(leadID: Int64?, rejects normalizationRejects: [RejectedValue]) throws {
        try rejects?.write(normalizationRejects, leadID: leadID)
    }

    private func write(_ record: Record, to output: Output) throws {
        if let limit = output.spec.maxRowsPerFile, output.rowsInPart == limit { try startNextPart(of: output) }
        try output.writer.write(record)
        output.rowsInPart += 1
    }

    /// Finishes the full part of a split output (it stays unpublished) and opens the next one.
    private func startNextPart(of output: Output) throws {
        try output.writer.finish()
        output.partWarnings.merge(output.writer.warnings)
        output.partFormulaGuarded.merge(output.writer.formulaGuarded, uniquingKeysWith: +)
        output.parts.append((output.file, output.rowsInPart))
        let (file, writer) = try Self.open(
            output.spec, path: OutputPathTemplate.part(output.parts.count + 1, in: output.path), layout: output.layout, metadata: metadata)
        output.file = file
        output.writer = writer
        output.rowsInPart = 0
        try rejects?.writeHeaderWarnings(of: writer)
    }

    /// Finishes every writer and renames every file into place, parts in order, the rejects file last.
    func publish() throws -> [RunSummary.File] {
        try finishWriters(reporting: true)
        var files: [RunSummary.File] = []
        for output in outputs {
            for (file, rows) in output.parts + [(output.file, output.rowsInPart)] {
                try file.publish()
                files.append(.init(
                    path: file.finalPath, format: output.spec.format, bytes: file.bytesWritten, rows: rows, sha256: file.sha256,
                    content: output.spec.content))
            }
        }
        if let rejects {
            try rejects.file.publish()
            files.append(.init(
                path: rejects.file.finalPath, format: .csv, bytes: rejects.file.bytesWritten, rows: rejects.rows,
                sha256: rejects.file.sha256, isRejects: true))
        }
        return files
    }

    /// Finishes what can be finished and removes every temporary file; published paths stay as they were.
    func discard() {
        try? finishWriters()
        outputs.forEach { $0.allFiles.forEach { $0.discard() } }
        rejects?.file.discard()
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
        do { try rejects?.finish() } catch { firstError = firstError ?? error }
        if let firstError { throw firstError }
    }
}
