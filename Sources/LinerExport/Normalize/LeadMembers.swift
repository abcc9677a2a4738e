import Foundation

/// A lead's members matched to the raw keys its columns read, once per lead: each column then reads
/// its value by position instead of scanning the lead's ~40 keys with string comparisons.
///
/// Keys are matched on their UTF-8 bytes through a small open-addressing table built once, so a
/// lead costs one short hash per member. The first member of a key wins, as `JSONObject`'s
/// subscript does.
struct LeadMembers {
    let lead: JSONObject
    /// Member index of each known key (`LeadKeys.names`), -1 when the lead lacks it.
    private var positions: [Int32]
    /// Whether some member's key is none of `LeadKeys.names`: an addition the API made later.
    private(set) var hasUnknownKeys = false

    init(_ lead: JSONObject) {
        self.lead = lead
        positions = Array(repeating: -1, count: LeadKeys.names.count)
        var hasUnknownKeys = false
        positions.withUnsafeMutableBufferPointer { positions in
            lead.members.withUnsafeBufferPointer { members in
                // Only the key is read: copying whole members would retain and release every value.
                for index in members.indices {
                    guard let slot = LeadKeys.slot(ofKey: members[index].key) else {
                        hasUnknownKeys = true
                        continue
                    }
                    if positions[slot] < 0 { positions[slot] = Int32(truncatingIfNeeded: index) }
                }
            }
        }
        self.hasUnknownKeys = hasUnknownKeys
    }

    /// The value of the first member whose key is `LeadKeys.names[slot]`.
    @inline(__always)
    subscript(slot: Int) -> JSONValue? {
        let position = positions[slot]
        return position < 0 ? nil : lead.members[Int(position)].value
    }
}

/// The raw keys of a lead that columns read (`LeadField.rawNames`), numbered.
enum LeadKeys {
    /// Every known key; a key's slot is its index here.
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

    /// Hash table: `tableSize` entries, each a slot + 1 (0 is free), probed linearly.
    private static let tableSize = 256
    private static let nameBytes: [[UInt8]] = names.map { Array($0.utf8) }
    private static let table: [UInt8] = {
        precondition(names.count < 255 && names.count * 2 < tableSize)
        var table = [UInt8](repeating: 0, count: tableSize)
        for (slot, bytes) in nameBytes.enumerated() {
            var index = bytes.withUnsafeBufferPointer(hash)
            while table[index] != 0 { index = (index + 1) & (tableSize - 1) }
            table[index] = UInt8(slot + 1)
        }
        return table
    }()

    /// FNV-1a over the bytes, folded into the table.
    @inline(__always)
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var hash: UInt32 = 2_166_136_261
        for byte in bytes { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
        return Int((hash ^ hash >> 16) & UInt32(tableSize - 1))
    }

    /// The slot of `key`, or nil when it is not a known key.
    @inline(__always)
    static func slot(ofKey key: String) -> Int? {
        if let slot = key.utf8.withContiguousStorageIfAvailable(slot(ofBytes:)) { return slot }
        return Array(key.utf8).withUnsafeBufferPointer(slot(ofBytes:))
    }

    private static func slot(ofBytes bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var index = hash(bytes)
        return table.withUnsafeBufferPointer { table in
            while true {
                let entry = Int(table[index])
                if entry == 0 { return nil }
                let candidate = nameBytes[entry - 1]
                if candidate.count == bytes.count,
                    candidate.withUnsafeBufferPointer({ memcmp($0.baseAddress!, bytes.baseAddress!, bytes.count) == 0 })
                {
                    return entry - 1
                }
                index = (index + 1) & (tableSize - 1)
            }
        }
    }
}
