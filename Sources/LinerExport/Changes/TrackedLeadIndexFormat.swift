/// One tracked lead in the index: 24 bytes on disk (little-endian) and in memory, so following
/// 1,000,000 leads costs 24 MB.
struct TrackedLeadEntry: Sendable, Equatable {
    var id: Int64
    /// `RecordCodec.fingerprint` of the cells published for the lead.
    var fingerprint: UInt64
    /// Where the lead's line starts in the values file.
    var offset: UInt64

    /// The same entry with each field in the other byte order on a big-endian machine (a no-op on
    /// little-endian ones): what turns an entry to or from its bytes on disk.
    var littleEndianSwapped: TrackedLeadEntry {
        TrackedLeadEntry(
            id: Int64(littleEndian: id), fingerprint: UInt64(littleEndian: fingerprint), offset: UInt64(littleEndian: offset))
    }

    /// Turns entries to or from their on-disk byte order in place: nothing to do on a little-endian machine.
    static func swapToOrFromDisk(_ entries: inout [TrackedLeadEntry]) {
        guard 1.littleEndian != 1 else { return }
        for position in entries.indices { entries[position] = entries[position].littleEndianSwapped }
    }
}

/// The index file's first 48 bytes: six little-endian 64-bit words.
///
/// | bytes | field                                                                  |
/// |-------|------------------------------------------------------------------------|
/// | 0–7   | magic `LXTRACK\n`                                                       |
/// | 8–15  | format version (1)                                                     |
/// | 16–23 | entry count                                                            |
/// | 24–31 | the values file's size                                                 |
/// | 32–39 | `SHA256.first64Bits` of the values file's first line (the column keys) |
/// | 40–47 | `SHA256.first64Bits` of the entries' bytes                             |
struct TrackedLeadIndexHeader: Equatable {
    static let byteCount = 48
    static let magic: UInt64 = 0x0A4B_4341_5254_584C  // "LXTRACK\n" read as a little-endian word
    static let formatVersion: UInt64 = 1

    var entryCount: UInt64
    var valuesByteCount: UInt64
    var columnKeysFingerprint: UInt64
    var entriesFingerprint: UInt64

    /// The header's bytes.
    var bytes: [UInt8] {
        let words = [
            Self.magic, Self.formatVersion, entryCount, valuesByteCount, columnKeysFingerprint, entriesFingerprint,
        ]
        return words.flatMap { word in withUnsafeBytes(of: word.littleEndian) { Array($0) } }
    }

    /// The header in `bytes` (48 of them).
    /// - Throws: a reason, for `TrackedLeadStore.damaged`, when the magic or the version is not this one's.
    init(_ bytes: UnsafeRawBufferPointer) throws(HeaderError) {
        precondition(bytes.count >= Self.byteCount)
        func word(_ index: Int) -> UInt64 { UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self)) }
        guard word(0) == Self.magic else { throw HeaderError(reason: "not a tracked-leads index") }
        guard word(1) == Self.formatVersion else {
            throw HeaderError(reason: "format version \(word(1)), this version of liner-export reads \(Self.formatVersion)")
        }
        self.init(entryCount: word(2), valuesByteCount: word(3), columnKeysFingerprint: word(4), entriesFingerprint: word(5))
    }

    init(entryCount: UInt64, valuesByteCount: UInt64, columnKeysFingerprint: UInt64, entriesFingerprint: UInt64) {
        self.entryCount = entryCount
        self.valuesByteCount = valuesByteCount
        self.columnKeysFingerprint = columnKeysFingerprint
        self.entriesFingerprint = entriesFingerprint
    }

    struct HeaderError: Error {
        let reason: String
    }
}
