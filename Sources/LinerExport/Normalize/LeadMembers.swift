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
        let matcher = LeadKeys.matcher
        positions.withUnsafeMutableBufferPointer { positions in
            lead.members.withUnsafeBufferPointer { members in
                guard let base = members.baseAddress else { return }
                for index in members.indices {
                    // A key is first matched by its words read in place (no retain or release of
                    // the shared name); one the parser did not share is then matched by its bytes.
                    let words = UnsafeRawPointer(base + index).load(fromByteOffset: Self.keyOffset, as: StringWords.self)
                    let slot: Int? =
                        if let shared = matcher.slot(ofWords: words) { shared < LeadKeys.names.count ? shared : nil }
                        else { LeadKeys.slot(ofKey: members[index].key, in: matcher) }
                    guard let slot else {
                        hasUnknownKeys = true
                        continue
                    }
                    if positions[slot] < 0 { positions[slot] = Int32(truncatingIfNeeded: index) }
                }
            }
        }
        self.hasUnknownKeys = hasUnknownKeys
    }

    /// Lets `body` read the value at `slot` in place (nil when the lead lacks it): a copy would
    /// retain and release its text.
    @inline(__always)
    func withValue<Result>(atSlot slot: Int, _ body: (UnsafePointer<JSONValue>?) -> Result) -> Result {
        let position = Int(positions[slot])
        guard position >= 0 else { return body(nil) }
        return lead.members.withUnsafeBufferPointer { members in
            let member = UnsafeRawPointer(members.baseAddress! + position)
            return body((member + Self.valueOffset).assumingMemoryBound(to: JSONValue.self))
        }
    }

    private typealias Member = (key: String, value: JSONValue)
    private static let keyOffset = MemoryLayout<Member>.offset(of: \Member.key)!
    private static let valueOffset = MemoryLayout<Member>.offset(of: \Member.value)!

    /// The value of the first member whose key is `LeadKeys.names[slot]`.
    @inline(__always)
    subscript(slot: Int) -> JSONValue? {
        let position = positions[slot]
        return position < 0 ? nil : lead.members[Int(position)].value
    }
}
