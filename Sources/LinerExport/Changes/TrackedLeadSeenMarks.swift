/// One bit per tracked lead, set when the run saw the lead again: those left unset at the end were
/// archived (or moved out of the rescan range). 1,000,000 leads take 125 KB.
struct TrackedLeadSeenMarks {
    private var words: [UInt64]
    private let count: Int

    /// `count` leads, none seen.
    init(count: Int) {
        self.count = count
        words = [UInt64](repeating: 0, count: (count + 63) / 64)
    }

    mutating func mark(_ index: Int) {
        words[index >> 6] |= 1 << UInt64(index & 63)
    }

    func contains(_ index: Int) -> Bool {
        words[index >> 6] & (1 << UInt64(index & 63)) != 0
    }

    /// The indices not marked, in increasing order.
    var unmarked: [Int] {
        var result: [Int] = []
        for (wordIndex, word) in words.enumerated() where word != .max {
            var missing = ~word
            while missing != 0 {
                let index = wordIndex << 6 + missing.trailingZeroBitCount
                guard index < count else { break }
                result.append(index)
                missing &= missing - 1
            }
        }
        return result
    }
}
