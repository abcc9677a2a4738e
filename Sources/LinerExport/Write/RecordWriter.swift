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
}
