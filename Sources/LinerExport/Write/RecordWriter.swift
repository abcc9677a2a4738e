/// A file format's writer.
///
/// The runner calls `write(_:)` once per record, in order, then `finish()` exactly once — also after
/// a failure, so the file is closed either way. Whether the file is then published or discarded is
/// the runner's decision (`AtomicOutputFile`), not the writer's.
public protocol RecordWriter: AnyObject {
    /// Appends one record.
    /// - Throws: `ExportError.output` when the disk refuses the bytes.
    func write(_ record: Record) throws
    /// Writes any trailer, flushes and closes the file.
    func finish() throws
    /// What the format made the writer change in a value (a cell cut at Excel's limit, a character
    /// XML forbids), counted; the run summary shows them. Empty for formats that change nothing.
    var warnings: NormalizationWarnings { get }
    /// Cells given the formula guard's prefix, by field (`csv: instagram`): not warnings (the pipeline
    /// asked for it), but a reader comparing outputs must know. Empty for formats without a guard.
    var formulaGuarded: [String: Int] { get }
}

extension RecordWriter {
    public var warnings: NormalizationWarnings { NormalizationWarnings() }
    public var formulaGuarded: [String: Int] { [:] }
}
