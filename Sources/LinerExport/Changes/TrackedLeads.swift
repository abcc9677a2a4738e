import LinerJSON

/// The leads the last successful run published, read from one generation of the tracked-lead store
/// (see `TrackedLeadStore`), and which of them this run has seen again.
///
/// The index is held in memory, 24 bytes a lead in one array (1,000,000 leads: 24 MB, plus 125 KB of
/// seen marks); values stay on disk and are read one line at a time by `values(at:)`. Leads are
/// addressed by their index in id order: `index(of:)` finds one by binary search.
///
/// Measured in release for 1,000,000 leads of 47 cells: loading the index 0.03 s, a million lookups
/// 0.3 s, `values(at:)` about 11 µs a lead; the process's peak RSS grew by about 35 MB over the run.
/// Not thread-safe (seen marks are plain bits): use it from one task.
final class TrackedLeads {
    /// The keys of the columns the values were written with, in cell order.
    let columnKeys: [String]
    private let entries: [TrackedLeadEntry]
    /// The values file; nil for `empty`.
    private let values: TrackedLeadFile?
    private var seenMarks: TrackedLeadSeenMarks

    /// Loads `generation`'s index and opens its values file.
    /// - Throws: `ExportError.state` naming the file when either is missing, a symlink, truncated, of
    ///   another format or does not match the other.
    init(statePath: String, generation: String) throws {
        let index = try TrackedLeadFile(path: TrackedLeadStore.indexPath(statePath: statePath, generation: generation))
        let header = try Self.readHeader(of: index)
        let entries = try Self.readEntries(of: index, header: header)
        let values = try TrackedLeadFile(path: TrackedLeadStore.valuesPath(statePath: statePath, generation: generation))
        guard values.byteCount == header.valuesByteCount else {
            throw TrackedLeadStore.damaged(values.path, "\(values.byteCount) bytes where its index counts \(header.valuesByteCount)")
        }
        let keysLine = try values.line(at: 0)
        guard keysLine.withUnsafeBytes({ SHA256.first64Bits(of: $0) }) == header.columnKeysFingerprint else {
            throw TrackedLeadStore.damaged(values.path, "its column keys are not those its index was written with")
        }
        columnKeys = try Self.columnKeys(in: keysLine, of: values.path)
        try Self.checkOrder(of: entries, firstLineEnd: keysLine.count + 1, valuesByteCount: values.byteCount, index: index.path)
        self.entries = entries
        self.values = values
        seenMarks = TrackedLeadSeenMarks(count: entries.count)
    }

    private init(columnKeys: [String]) {
        self.columnKeys = columnKeys
        entries = []
        values = nil
        seenMarks = TrackedLeadSeenMarks(count: 0)
    }

    /// No leads tracked yet: what a first run (no generation in its state) compares with.
    static func empty(columnKeys: [String]) -> TrackedLeads {
        TrackedLeads(columnKeys: columnKeys)
    }

    /// How many leads are tracked.
    var count: Int { entries.count }

    /// Where lead `id` is, nil when it is not tracked.
    func index(of id: Int64) -> Int? {
        var low = 0
        var high = entries.count
        while low < high {
            let middle = (low + high) / 2
            let middleID = entries[middle].id
            if middleID == id { return middle }
            if middleID < id { low = middle + 1 } else { high = middle }
        }
        return nil
    }

    /// The id of the lead at `index`.
    func id(at index: Int) -> Int64 { entries[index].id }

    /// `RecordCodec.fingerprint` of the cells published for the lead at `index`.
    func fingerprint(at index: Int) -> UInt64 { entries[index].fingerprint }

    /// The creation time and cells published for the lead at `index` (in `columnKeys` order), read
    /// from disk.
    /// - Throws: `ExportError.state` naming the values file when it cannot be read or its line is malformed.
    func values(at index: Int) throws -> (createdAt: Int64, cells: [Cell]) {
        guard let values else { preconditionFailure("an empty store has no values") }
        let line = try values.line(at: Int(entries[index].offset))
        do {
            return try RecordCodec.decode(line)
        } catch let error as ExportError {
            throw TrackedLeadStore.damaged(values.path, "lead \(entries[index].id): \(error.message)", underlying: error)
        }
    }

    /// Notes that this run saw the lead at `index` again.
    func markSeen(_ index: Int) { seenMarks.mark(index) }

    /// Whether `markSeen(index)` was called.
    func isSeen(_ index: Int) -> Bool { seenMarks.contains(index) }

    /// The indices of the leads not marked seen, in id order.
    var unseenIndices: [Int] { seenMarks.unmarked }
}
