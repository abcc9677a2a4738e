import Foundation

/// The raw keys of a lead that columns read (`LeadField.rawNames`), numbered: a key's slot is its
/// index in `names`.
enum LeadKeys {
    static let names: [String] = LeadField.rawNames.sorted()

    private static let slotsByName = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })

    /// The slot of a field's raw key, for plans made once per normalizer (not per lead). Every
    /// field `LeadField` lists that is not derived has one.
    static func slot(of name: String) -> Int {
        guard let slot = slotsByName[name] else { preconditionFailure("\(name) is not a raw lead key") }
        return slot
    }

    static let id = slot(of: "id")
    static let utcOffset = slot(of: "utcOffset")
    static let statusId = slot(of: "statusId")
    static let orderId = slot(of: "orderId")
    static let customValues = slot(of: "customValues")

    /// Matches keys of leads as they arrive; read it once per lead, not once per key. It also knows
    /// the page envelope's keys (slots from `names.count` on), so that the JSON parser shares one
    /// `String` for each of them too (`JSONParser.knownKeys` is this matcher).
    static let matcher = KeyMatcher(names: names + ["data", "list", "total", "success", "message"])

    /// The slot of `key`, or nil when it is not a lead key `names` lists.
    static func slot(ofKey key: String) -> Int? {
        guard let slot = matcher.slot(ofKey: key), slot < names.count else { return nil }
        return slot
    }
}

/// Finds a key's slot from its UTF-8 bytes: FNV-1a into a small open-addressing table, then one
/// byte comparison with the candidate name. All names live in one byte array, so a lookup retains
/// nothing.
///
/// A key the JSON parser made is one of `names` itself (the parser shares them), and is first looked
/// up by identity: its two words, which for a short name are its bytes and for a longer one its
/// count and the address of the name's storage. That costs a multiply per key instead of a hash over
/// its bytes and a `memcmp` (a tenth of normalizing a lead). Equal words mean an equal string;
/// other keys go on to the byte table.
struct KeyMatcher: Sendable {
    private static let tableSize = 256
    /// The names, by slot.
    let names: [String]
    /// Each entry is a slot + 1; 0 is free.
    private let table: [UInt8]
    /// The two words of each name, by identity hash; entries with `slot` -1 are free.
    private let identities: [(words: StringWords, slot: Int)]
    /// Every name's bytes, one after the other; name `slot` spans `starts[slot]..<starts[slot + 1]`.
    private let nameBytes: [UInt8]
    private let starts: [Int]

    init(names: [String]) {
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

    @inline(__always)
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var hash: UInt32 = 2_166_136_261
        for byte in bytes { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        return Int((hash ^ hash >> 16) & UInt32(tableSize - 1))
    }

    /// The slot of `key`, or nil when it is none of the names.
    @inline(__always)
    func slot(ofKey key: String) -> Int? {
        slot(ofShared: key) ?? slot(ofUnsharedKey: key)
    }

    /// The slot of `key` found by its bytes alone, for a key already known not to be shared.
    func slot(ofUnsharedKey key: String) -> Int? {
        key.withUTF8Bytes { slot(ofBytes: $0) }
    }

    /// The slot of `key` when it is one of `names` by identity (or a short string equal to one), else nil.
    @inline(__always)
    func slot(ofShared key: String) -> Int? {
        slot(ofWords: StringWords(key))
    }

    /// The slot of the name whose two words are `words`, else nil.
    @inline(__always)
    func slot(ofWords words: StringWords) -> Int? {
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
    func slot(ofBytes bytes: UnsafeBufferPointer<UInt8>) -> Int? {
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

/// A `String`'s two words as they are stored: equal words are an equal string (a short string's words
/// hold its bytes; a longer one's hold its count and its storage's address, and shared storage is
/// never changed in place). Unequal words say nothing: the same text can be stored twice.
struct StringWords: Equatable, Sendable {
    let low: UInt64
    let high: UInt64

    @inline(__always)
    init(_ string: String) {
        (low, high) = unsafeBitCast(string, to: (UInt64, UInt64).self)
    }

    @inline(__always)
    func tableIndex(_ size: Int) -> Int {
        Int(truncatingIfNeeded: ((low ^ (high &* 0x9E37_79B9_7F4A_7C15)) &* 0x9E37_79B9_7F4A_7C15) >> 56) & (size - 1)
    }
}
