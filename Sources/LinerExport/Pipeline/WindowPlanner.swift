import Foundation

/// Cuts an export's range into windows: per calendar day, per week, or (`auto`) into equal slices of
/// about `targetLeadsPerWindow` leads judged from the server's `total`, so offsets stay shallow and a
/// crash loses at most one window's work.
struct WindowPlanner {
    let chunk: WindowChunk
    let timeZone: TimeZone
    /// `auto` aims at this many leads per window (100 pages of 100).
    static let targetLeadsPerWindow = 10_000

    /// - Parameters:
    ///   - total: the server's count for the whole range (used by `auto` only).
    ///   - boundaries: instants that must start a window (the incremental mode's lookback edges).
    func plan(from: Timestamp, to: Timestamp, total: Int?, boundaries: [Timestamp] = []) -> [FetchWindow] {
        var cuts = Set<Int64>()
        switch chunk {
        case .none:
            break
        case .day, .week:
            let clock = ZonedClock(timeZone: timeZone)
            let step = chunk == .day ? 1 : 7
            var cut = clock.addingDays(step, toStartOfDay: clock.startOfDay(containing: from))
            while cut < to {
                cuts.insert(cut.millisecondsSinceEpoch)
                cut = clock.addingDays(step, toStartOfDay: cut)
            }
        case .auto:
            // `total` is at most `LeadPage.maxPlausibleTotal`; the cuts are whole seconds, so more pieces
            // than seconds in the range would only repeat cuts.
            let span = to.millisecondsSinceEpoch - from.millisecondsSinceEpoch
            let pieces = min(
                Int64(((total ?? 0) + Self.targetLeadsPerWindow - 1) / Self.targetLeadsPerWindow), span / 1000)
            if pieces > 1 {
                for index in 1..<pieces {
                    // Whole seconds: the API's bounds are seconds.
                    let cut = (from.millisecondsSinceEpoch + span * index / pieces) / 1000 * 1000
                    if cut > from.millisecondsSinceEpoch { cuts.insert(cut) }
                }
            }
        }
        for boundary in boundaries where from < boundary && boundary < to {
            cuts.insert(boundary.millisecondsSinceEpoch)
        }
        var windows: [FetchWindow] = []
        var start = from
        for cut in cuts.sorted() {
            let end = Timestamp(millisecondsSinceEpoch: cut)
            windows.append(FetchWindow(from: start, to: end))
            start = end
        }
        windows.append(FetchWindow(from: start, to: to))
        return windows
    }
}
