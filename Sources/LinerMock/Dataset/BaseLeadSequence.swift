/// The base leads a query selects, in served order (creation time, then id), addressable by
/// position without materialising them.
struct BaseLeadSequence {
    private let dataset: MockDataset
    /// Unfiltered: indices of the window. Filtered: positions into `matching`.
    private let window: Range<Int>
    /// Sorted indices of the leads matching the filter; nil when the query has no filter.
    private let matching: [Int32]?
    /// Unfiltered only: the archived indices inside `window`, sorted, which positions skip.
    private let skipped: [Int32]

    /// - Parameters:
    ///   - statusOverrides: base leads whose status churned or an epoch changed (index → current status).
    ///   - archived: sorted indices of the base leads an epoch archived; the sequence leaves them out.
    init(
        dataset: MockDataset, fromSeconds: Int64?, toSeconds: Int64?, filter: LeadFilter,
        statusOverrides: [Int: Int] = [:], archived: [Int32] = []
    ) {
        self.dataset = dataset
        let indices = dataset.indexRange(fromSeconds: fromSeconds, toSeconds: toSeconds)
        if filter.isEmpty {
            matching = nil
            window = indices
            skipped = Array(archived[Self.firstPosition(in: archived, atLeast: indices.lowerBound)
                ..< Self.firstPosition(in: archived, atLeast: indices.upperBound)])
        } else {
            skipped = []
            var all = dataset.matchingCache.indices(for: filter, in: dataset)
            if !statusOverrides.isEmpty && !filter.statusIds.isEmpty {
                // Churned leads leave or join the filter: rebuild the (cached, original) list around them.
                all.removeAll { statusOverrides[Int($0)] != nil }
                for (index, status) in statusOverrides
                where filter.matches(statusId: status, orderId: dataset.orderId(at: index)) {
                    all.append(Int32(index))
                }
                all.sort()
            }
            if !archived.isEmpty {
                let gone = Set(archived)
                all.removeAll { gone.contains($0) }
            }
            matching = all
            window = Self.firstPosition(in: all, atLeast: indices.lowerBound)
                ..< Self.firstPosition(in: all, atLeast: indices.upperBound)
        }
    }

    /// Number of leads the query matches.
    var count: Int { window.count - skipped.count }

    /// The dataset index of the lead at `position` (0..<count).
    func leadIndex(at position: Int) -> Int {
        if let matching {
            return Int(matching[window.lowerBound + position])
        }
        // Archived leads are few: step over each one at or before the candidate, in order.
        var index = window.lowerBound + position
        for archived in skipped {
            guard Int(archived) <= index else { break }
            index += 1
        }
        return index
    }

    /// How many of the selected leads are created at or before `seconds`; they are the ones
    /// at positions 0..<result, since creation time grows with position.
    func countCreated(atOrBefore seconds: Int64) -> Int {
        let indexBound = dataset.countCreated(atOrBefore: seconds)
        let position: Int
        if let matching {
            position = Self.firstPosition(in: matching, atLeast: indexBound)
        } else {
            let bound = min(max(indexBound, window.lowerBound), window.upperBound)
            return bound - window.lowerBound - Self.firstPosition(in: skipped, atLeast: bound)
        }
        return min(max(position, window.lowerBound), window.upperBound) - window.lowerBound
    }

    /// The first position in `sorted` whose value is >= `value` (binary search).
    private static func firstPosition(in sorted: [Int32], atLeast value: Int) -> Int {
        var low = 0
        var high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if Int(sorted[middle]) < value {
                low = middle + 1
            } else {
                high = middle
            }
        }
        return low
    }
}
