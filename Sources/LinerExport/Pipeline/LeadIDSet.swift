/// The lead ids a run has written, to drop the duplicates that shifting offset pages serve.
///
/// A sparse bitset: ids are bits in 4,096-id blocks, so a run's ids (dense, mostly increasing) cost
/// about one bit each instead of the ~40 bytes a `Set<Int64>` entry costs: 1,000,000 leads take
/// ~130 KB, keeping memory flat however many leads a window holds.
struct LeadIDSet {
    private static let blockBits = 12
    private static let wordsPerBlock = (1 << blockBits) / 64
    private var blocks: [Int64: [UInt64]] = [:]
    private(set) var count = 0

    /// Adds `id`; false when it was there already.
    mutating func insert(_ id: Int64) -> Bool {
        let blockKey = id >> Int64(Self.blockBits)
        let bit = Int(id & Int64((1 << Self.blockBits) - 1))
        let word = bit >> 6
        let mask = UInt64(1) << UInt64(bit & 63)
        if blocks[blockKey] == nil {
            blocks[blockKey] = [UInt64](repeating: 0, count: Self.wordsPerBlock)
        }
        let isNew = blocks[blockKey]![word] & mask == 0
        if isNew {
            blocks[blockKey]![word] |= mask
            count += 1
        }
        return isNew
    }

    func contains(_ id: Int64) -> Bool {
        let bit = Int(id & Int64((1 << Self.blockBits) - 1))
        guard let block = blocks[id >> Int64(Self.blockBits)] else { return false }
        return block[bit >> 6] & (UInt64(1) << UInt64(bit & 63)) != 0
    }
}
