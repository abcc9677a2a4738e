/// When each base lead is created: a non-decreasing function of its index, so creation order is
/// index order and a `createdAt` window is an index range.
///
/// Uniform spacing (the default) is arithmetic both ways. Bursts (`LeadBursts`) are a few segments,
/// each spacing its leads evenly; an instant is turned into an index by binary search.
struct CreationTimeline: Sendable {
    /// Leads `firstIndex..<firstIndex + leadCount`, evenly spaced over `[startSeconds, startSeconds + durationSeconds)`.
    struct Segment: Sendable {
        let startSeconds: Int64
        let durationSeconds: Int64
        let firstIndex: Int
        let leadCount: Int
    }

    let leadCount: Int
    let firstSeconds: Int64
    let spacingSeconds: Int64
    /// Empty for uniform spacing; otherwise consecutive, covering every index in order.
    private let segments: [Segment]

    init(leadCount: Int, firstSeconds: Int64, spacingSeconds: Int64, bursts: LeadBursts?) {
        self.leadCount = leadCount
        self.firstSeconds = firstSeconds
        self.spacingSeconds = spacingSeconds
        let spanSeconds = Int64(leadCount) * spacingSeconds
        segments = bursts.map { Self.segments(of: $0, leadCount: leadCount, firstSeconds: firstSeconds, spanSeconds: spanSeconds) } ?? []
    }

    func createdAtSeconds(at index: Int) -> Int64 {
        guard !segments.isEmpty else { return firstSeconds + Int64(index) * spacingSeconds }
        var low = 0
        var high = segments.count - 1
        // The last segment starting at or before `index`.
        while low < high {
            let middle = (low + high + 1) / 2
            if segments[middle].firstIndex <= index { low = middle } else { high = middle - 1 }
        }
        let segment = segments[low]
        // Below the segment's end: (n - 1) × d / n < d, so the next segment never starts earlier.
        return segment.startSeconds + Int64(index - segment.firstIndex) * segment.durationSeconds / Int64(segment.leadCount)
    }

    /// How many leads are created at or before `seconds` (they are indices 0..<result).
    func countCreated(atOrBefore seconds: Int64) -> Int {
        if seconds < firstSeconds { return 0 }
        guard !segments.isEmpty else {
            if spacingSeconds == 0 { return leadCount }
            let steps = (seconds - firstSeconds) / spacingSeconds
            return steps >= Int64(leadCount) ? leadCount : Int(steps) + 1
        }
        // The first index created after `seconds`.
        var low = 0
        var high = leadCount
        while low < high {
            let middle = (low + high) / 2
            if createdAtSeconds(at: middle) <= seconds { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Three segments a period (quiet, burst, quiet), leaving out those without leads.
    private static func segments(of bursts: LeadBursts, leadCount: Int, firstSeconds: Int64, spanSeconds: Int64) -> [Segment] {
        let periods = max(1, bursts.count)
        let share = Int64(min(1000, max(0, bursts.perMille)))
        var segments: [Segment] = []
        var index = 0
        for period in 0..<periods {
            let start = firstSeconds + spanSeconds * Int64(period) / Int64(periods)
            let length = firstSeconds + spanSeconds * Int64(period + 1) / Int64(periods) - start
            let burstLength = min(length, max(0, Int64(bursts.durationSeconds)))
            let before = (length - burstLength) / 2
            let after = length - burstLength - before
            let leads = leadCount / periods + (period < leadCount % periods ? 1 : 0)
            let inBurst = Int(Int64(leads) * share / 1000)
            let quiet = leads - inBurst
            let quietBefore = before + after == 0 ? quiet : Int(Int64(quiet) * before / (before + after))
            let parts = [
                (start, before, quietBefore), (start + before, burstLength, inBurst),
                (start + before + burstLength, after, quiet - quietBefore),
            ]
            for (partStart, duration, count) in parts where count > 0 {
                segments.append(Segment(startSeconds: partStart, durationSeconds: duration, firstIndex: index, leadCount: count))
                index += count
            }
        }
        return segments
    }
}
