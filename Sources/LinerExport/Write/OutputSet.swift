/// Every output of a run: opened together, written together, and then either all published or all
/// discarded, so a failed run never replaces a good file with part of a new one.
final class OutputSet {
    private struct Output {
        let spec: OutputSpec
        let file: AtomicOutputFile
        let writer: RecordWriter
    }

    private var outputs: [Output] = []
    private(set) var rows = 0
    private var isFinished = false

    /// Opens a temporary file and a writer per output.
    /// - Parameter paths: the rendered path of each output, in the order of `specs`.
    /// - Parameter metadata: what self-describing formats (XLSX's `Export` sheet, XML's root) record of the run.
    init(specs: [OutputSpec], paths: [String], layout: ColumnLayout, metadata: ExportMetadata? = nil) throws {
        do {
            for (spec, path) in zip(specs, paths) {
                let file = try AtomicOutputFile(finalPath: path)
                let writer = try Self.makeWriter(spec, file: file, layout: layout, metadata: metadata)
                outputs.append(Output(spec: spec, file: file, writer: writer))
            }
        } catch {
            discard()
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
        for output in outputs { total.merge(output.writer.warnings) }
        return total
    }

    func write(_ record: Record) throws {
        for output in outputs { try output.writer.write(record) }
        rows += 1
    }

    /// Finishes every writer and renames every file into place.
    func publish() throws -> [RunSummary.File] {
        try finishWriters()
        var files: [RunSummary.File] = []
        for output in outputs {
            try output.file.publish()
            files.append(.init(path: output.file.finalPath, format: output.spec.format, bytes: output.file.bytesWritten, rows: rows))
        }
        return files
    }

    /// Finishes what can be finished and removes every temporary file; published paths stay as they were.
    func discard() {
        try? finishWriters()
        outputs.forEach { $0.file.discard() }
    }

    /// Calls `finish()` once on each writer, even when an earlier one fails.
    private func finishWriters() throws {
        guard !isFinished else { return }
        isFinished = true
        var firstError: Error?
        for output in outputs {
            do { try output.writer.finish() } catch { firstError = firstError ?? error }
        }
        if let firstError { throw firstError }
    }
}
