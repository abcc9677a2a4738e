/// The rejects file: `"rejects": {"path": "exports/{name}-{from}.rejects.csv"}`, one CSV row per
/// warning (lead id, field, warning, raw value), published with the outputs.
public struct RejectsSpec: Sendable, Equatable {
    /// File path template, with the outputs' placeholders `{name}`, `{from}`, `{to}` (not `{part}`: the
    /// file is never split). A path ending in `.gz` is written gzip-compressed.
    public var path: String
    /// The field separator, one character. Default `,`.
    public var delimiter: UInt8

    /// A rejects file built in code. A value built in code is trusted: unlike a decoded file, nothing
    /// here checks the path's placeholders or the delimiter.
    public init(path: String, delimiter: UInt8 = UInt8(ascii: ",")) {
        self.path = path
        self.delimiter = delimiter
    }
}
