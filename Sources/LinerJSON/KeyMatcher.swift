import Foundation

/// Finds a key's slot from its UTF-8 bytes: FNV-1a into a small open-addressing table, then one
/// byte comparison with the candidate name. All names live in one byte array, so a lookup retains
/// nothing.
///
/// A key the JSON parser made is one of `names` itself (the parser shares them), and is first looked
/// up by identity: its two words, which for a short name are its bytes and for a longer one its
/// count and the address of the name's storage. That costs a multiply per key instead of a hash over
/// its bytes and a `memcmp` (a tenth of normalizing a lead). Equal words mean an equal string;
/// other keys go on to the byte table.
///
/// The JSON parser takes one as its known keys (`JSONParser.parse(_:knownKeys:)`); the caller decides
/// which keys are worth sharing.
public struct KeyMatcher: Sendable {
    /// Entries in each table: a power of two, at least twice the names.
    @inlinable static var tableSize: Int { 256 }
    /// The names, by slot.
    public let names: [String]
    /// Each entry is a slot + 1; 0 is free.
    @usableFromInline let table: [UInt8]
    /// The two words of each name, by identity hash; entries with `slot` -1 are free.
    @usableFromInline let identities: [(words: StringWords, slot: Int)]
    /// Every name's bytes, one after the other; name `slot` spans `starts[slot]..<starts[slot + 1]`.
    @usableFromInline let nameBytes: [UInt8]
    @usableFromInline let starts: [Int]

    /// A matcher that knows no key: parsing with it shares nothing.
    public static let empty = KeyMatcher(names: [])

    /// Numbers `names` by their position: fewer than 128 names, each a distinct string.
    public init(names: [String]) {
        precondition(names.count < 255 && names.count * 2 < Self.tableSize)
        var nameBytes: [UInt8] = []
        var starts: [Int] = [0]
        var table = [UInt8](repeating: 0, count: Self.tableSize)
        for (slot, name) in names.enumerated() {
            let bytes = Array(name.utf8)
            nameBytes += bytes
            starts.append(nameBytes.count)
            var index = bytes.withUnsafeBufferPointer(Self.hash)
            while table[index] != 0 { index = (index + 1) & (Self.tableSize - 1) }
            table[index] = UInt8(slot + 1)
        }
        var identities = [(words: StringWords, slot: Int)](repeating: (StringWords(""), -1), count: Self.tableSize)
        for (slot, name) in names.enumerated() {
            let words = StringWords(name)
            var index = words.tableIndex(Self.tableSize)
            while identities[index].slot >= 0 { index = (index + 1) & (Self.tableSize - 1) }
            identities[index] = (words, slot)
        }
        self.names = names
        self.identities = identities
        self.table = table
        self.nameBytes = nameBytes
        self.starts = starts
    }

    @inlinable @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var hash: UInt32 = 2_166_136_261
        for byte in bytes { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        return Int((hash ^ hash >> 16) & UInt32(tableSize - 1))
    }

    /// The slot of `key`, or nil when it is none of the names.
    @inlinable @inline(__always)
    public func slot(ofKey key: String) -> Int? {
        slot(ofShared: key) ?? slot(ofUnsharedKey: key)
    }

    /// The slot of `key` found by its bytes alone, for a key already known not to be shared.
    @inlinable
    public func slot(ofUnsharedKey key: String) -> Int? {
        key.withUTF8Bytes { slot(ofBytes: $0) }
    }

    /// The slot of `key` when it is one of `names` by identity (or a short string equal to one), else nil.
    @inlinable @inline(__always)
    public func slot(ofShared key: String) -> Int? {
        slot(ofWords: StringWords(key))
    }

    /// The slot of the name whose two words are `words`, else nil.
    @inlinable @inline(__always)
    public func slot(ofWords words: StringWords) -> Int? {
        var index = words.tableIndex(Self.tableSize)
        return identities.withUnsafeBufferPointer { identities in
            while true {
                let entry = identities[index]
                if entry.slot < 0 { return nil }
                if entry.words == words { return entry.slot }
                index = (index + 1) & (Self.tableSize - 1)
            }
        }
    }

    /// The slot of the name spelled by `bytes`, or nil.
    @inlinable
    public func slot(ofBytes bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var index = Self.hash(bytes)
        return table.withUnsafeBufferPointer { table in
            nameBytes.withUnsafeBufferPointer { nameBytes in
                while true {
                    let entry = Int(table[index])
                    if entry == 0 { return nil }
                    let start = starts[entry - 1]
                    if starts[entry] - start == bytes.count,
                        memcmp(nameBytes.baseAddress! + start, bytes.baseAddress!, bytes.count) == 0
                    {
                        return entry - 1
                    }
                    index = (index + 1) & (Self.tableSize - 1)
                }
            }
        }
    }
}
