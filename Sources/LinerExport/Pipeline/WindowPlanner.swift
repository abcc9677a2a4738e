import Foundation

/// Cuts an export's range into windows: per calendar day, per week, or at the cuts it is given
/// (`auto`'s, balanced by lead count by `WindowBalancer`), so offsets stay shallow and a crash loses
/// at most one window's work.
struct WindowPlanner {
    let chunk: WindowChunk
    let timeZone: TimeZone

    /// - Parameter cuts: instants that must start a window (`auto`'s balanced cuts, the incremental
    ///   mode's lookback edges); those outside `(from, to)` are ignored.
    func plan(from: Timestamp, to: Timestamp, cuts extraCuts: [Timestamp] = []) -> [FetchWindow] {
        var cuts = Set<Int64>()
        if chunk == .day || chunk == .week {
            let clock = ZonedClock(timeZone: timeZone)
            let step = chunk == .day ? 1 : 7
            var cut = clock.addingDays(step, toStartOfDay: clock.startOfDay(containing: from))
            while cut < to {
                cuts.insert(cut.millisecondsSinceEpoch)
                cut = clock.addingDays(step, toStartOfDay: cut)
            }
        }
        for cut in extraCuts where from < cut && cut < to {
            cuts.insert(cut.millisecondsSinceEpoch)
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
