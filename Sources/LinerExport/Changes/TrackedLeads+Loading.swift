import LinerJSON

/// Reading and checking an index and its values file's first line.
extension TrackedLeads {
    static func readHeader(of index: TrackedLeadFile) throws -> TrackedLeadIndexHeader {
        var bytes = [UInt8](repeating: 0, count: TrackedLeadIndexHeader.byteCount)
        let count = try bytes.withUnsafeMutableBytes { try index.read(into: $0, at: 0) }
        guard count == bytes.count else { throw TrackedLeadStore.damaged(index.path, "shorter than its header") }
        let header = bytes.withUnsafeBytes { bytes in
            Result { () throws(TrackedLeadIndexHeader.HeaderError) in try TrackedLeadIndexHeader(bytes) }
        }
        do {
            return try header.get()
        } catch {
            throw TrackedLeadStore.damaged(index.path, error.reason)
        }
    }

    /// The entries after the header, read straight into their array and checked against the
    /// header's count and fingerprint.
    static func readEntries(of index: TrackedLeadFile, header: TrackedLeadIndexHeader) throws -> [TrackedLeadEntry] {
        let entryBytes = index.byteCount - TrackedLeadIndexHeader.byteCount
        let stride = MemoryLayout<TrackedLeadEntry>.stride
        guard entryBytes % stride == 0, UInt64(entryBytes / stride) == header.entryCount else {
            throw TrackedLeadStore.damaged(
                index.path, "\(index.byteCount) bytes where its header counts \(header.entryCount) leads (truncated?)")
        }
        let count = entryBytes / stride
        var entries = try [TrackedLeadEntry](unsafeUninitializedCapacity: count) { buffer, initialized in
            let raw = UnsafeMutableRawBufferPointer(buffer)
            raw.initializeMemory(as: UInt8.self, repeating: 0)
            initialized = count
            guard try index.read(into: raw, at: TrackedLeadIndexHeader.byteCount) == entryBytes else {
                throw TrackedLeadStore.damaged(index.path, "shorter than when it was opened")
            }
        }
        guard entries.withUnsafeBytes({ SHA256.first64Bits(of: $0) }) == header.entriesFingerprint else {
            throw TrackedLeadStore.damaged(index.path, "its entries do not match their fingerprint")
        }
        TrackedLeadEntry.swapToOrFromDisk(&entries)
        return entries
    }

    /// The column keys in the values file's first line, a JSON array of strings.
    static func columnKeys(in line: [UInt8], of path: String) throws -> [String] {
        guard case .array(let elements)? = try? JSONParser.parse(line) else {
            throw TrackedLeadStore.damaged(path, "its first line is not a JSON array of column keys")
        }
        return try elements.map { element in
            guard case .string(let key) = element else {
                throw TrackedLeadStore.damaged(path, "its first line is not a JSON array of column keys")
            }
            return key
        }
    }

    /// Checks that ids increase strictly (binary search needs it) and that every line starts after the
    /// column keys and inside the values file.
    static func checkOrder(of entries: [TrackedLeadEntry], firstLineEnd: Int, valuesByteCount: Int, index: String) throws {
        var previous: Int64?
        for entry in entries {
            if let previous, entry.id <= previous {
                throw TrackedLeadStore.damaged(index, "lead \(entry.id) is out of order")
            }
            guard entry.offset >= UInt64(firstLineEnd), entry.offset < UInt64(valuesByteCount) else {
                throw TrackedLeadStore.damaged(index, "lead \(entry.id)'s line at byte \(entry.offset) is outside the values file")
            }
            previous = entry.id
        }
    }
}
