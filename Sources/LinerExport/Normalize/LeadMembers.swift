import LinerJSON

/// A lead's members matched to the raw keys its columns read, and its custom values to the custom
/// columns, once per lead: each column then reads its value by position instead of scanning the
/// lead's ~40 keys with string comparisons, or its custom values for an id.
///
/// Keys are matched through `LeadKeys.matcher`: by identity for the names the JSON parser shares,
/// by their bytes otherwise. The first member of a key wins, as `JSONObject`'s subscript does, and
/// the first custom value of an id, as a lead with both "7" and "07" would have it.
struct LeadMembers {
    let lead: JSONObject
    /// Member index of each known key (`LeadKeys.names`), then, per custom column (in the order of
    /// the ids given to `init`), the index of its value in the `customValues` member; -1 for none.
    /// One array for both: one allocation per lead.
    private var positions: [Int32]
    /// Whether some member's key is none of `LeadKeys.names`: an addition the API made later.
    private(set) var hasUnknownKeys = false
    /// Whether some custom value's id has no column (it then goes to the extras).
    private(set) var hasCustomValuesWithoutColumn = false

    /// - Parameter customIDs: ids of the custom fields that have a column, ascending.
    init(_ lead: JSONObject, customIDs: [Int]) {
        self.lead = lead
        positions = Array(repeating: -1, count: LeadKeys.names.count + customIDs.count)
        var hasUnknownKeys = false
        // Globals read once: each read of a `static let` is a call to check it is initialized.
        let matcher = LeadKeys.matcher
        let nameCount = LeadKeys.names.count
        let keyOffset = Self.keyOffset
        positions.withUnsafeMutableBufferPointer { positions in
            lead.members.withUnsafeBufferPointer { members in
                guard let base = members.baseAddress else { return }
                for index in members.indices {
                    // A key is first matched by its words read in place (no retain or release of
                    // the shared name); one the parser did not share is then matched by its bytes.
                    let words = UnsafeRawPointer(base + index).load(fromByteOffset: keyOffset, as: StringWords.self)
                    let slot = matcher.slot(ofWords: words) ?? matcher.slot(ofUnsharedKey: members[index].key)
                    guard let slot, slot < nameCount else {
                        hasUnknownKeys = true
                        continue
                    }
                    if positions[slot] < 0 { positions[slot] = Int32(truncatingIfNeeded: index) }
                }
            }
        }
        self.hasUnknownKeys = hasUnknownKeys
        matchCustomValues(customIDs: customIDs)
    }

    /// Fills the custom columns' positions from the `customValues` member.
    private mutating func matchCustomValues(customIDs: [Int]) {
        let customValues = self[LeadKeys.customValues]
        var hasCustomValuesWithoutColumn = false
        positions.withUnsafeMutableBufferPointer { positions in
            let customPositions = UnsafeMutableBufferPointer(rebasing: positions[LeadKeys.names.count...])
            func place(id: Int?, at index: Int) {
                guard let id, let ordinal = Self.ordinal(of: id, in: customIDs) else {
                    hasCustomValuesWithoutColumn = true
                    return
                }
                if customPositions[ordinal] < 0 { customPositions[ordinal] = Int32(truncatingIfNeeded: index) }
            }
            switch customValues {
            case .object(let object):
                object.members.withUnsafeBufferPointer { members in
                    for index in members.indices { place(id: Int(members[index].key), at: index) }
                }
            case .array(let values):
                // PHP encodes a map with keys 0...n as an array: an element's index is its id.
                for index in values.indices { place(id: index, at: index) }
            default:
                break
            }
        }
        self.hasCustomValuesWithoutColumn = hasCustomValuesWithoutColumn
    }

    /// The index of `id` in `ids` (ascending), by binary search.
    static func ordinal(of id: Int, in ids: [Int]) -> Int? {
        var low = 0
        var high = ids.count
        while low < high {
            let middle = (low + high) >> 1
            if ids[middle] < id { low = middle + 1 } else { high = middle }
        }
        return low < ids.count && ids[low] == id ? low : nil
    }

    private typealias Member = (key: String, value: JSONValue)
    private static let keyOffset = MemoryLayout<Member>.offset(of: \Member.key)!

    /// The value of the first member whose key is `LeadKeys.names[slot]`.
    @inline(__always)
    subscript(slot: Int) -> JSONValue? {
        let position = positions[slot]
        return position < 0 ? nil : lead.members[Int(position)].value
    }

    /// The first custom value of the custom column `ordinal` (its id's index in the ids given to
    /// `init`), nil when the lead has none.
    func customValue(ordinal: Int) -> JSONValue? {
        let position = Int(positions[LeadKeys.names.count + ordinal])
        guard position >= 0 else { return nil }
        switch self[LeadKeys.customValues] {
        case .object(let object): return object.members[position].value
        case .array(let values): return values[position]
        default: return nil
        }
    }
}
