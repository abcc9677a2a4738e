/// The ranges of a run: the window its outputs are named for, and, with changes capture, the rescan
/// range re-read and tracked (`[to - rescan, to)`). The run fetches both, cut where either starts so
/// every fetch window lies wholly inside or outside each.
struct TrackedRange: Sendable {
    let window: ResolvedWindow
    /// Where the rescan range starts (a whole second); nil without changes capture.
    let rescanFrom: Timestamp?

    init(window: ResolvedWindow, changes: ChangesSpec?) {
        self.window = window
        rescanFrom = changes.map {
            Timestamp(millisecondsSinceEpoch: (window.to.millisecondsSinceEpoch - $0.rescanSeconds * 1000) / 1000 * 1000)
        }
    }

    /// The range fetched: the window, reaching back to the rescan range's start.
    var fetched: ResolvedWindow {
        guard let rescanFrom, rescanFrom < window.from else { return window }
        return ResolvedWindow(from: rescanFrom, to: window.to, timeZone: window.timeZone)
    }

    /// Where fetch windows must start: the window's and the rescan range's starts, inside the fetched range.
    var cuts: [Timestamp] {
        guard let rescanFrom else { return [] }
        return [window.from, rescanFrom].filter { fetched.from < $0 && $0 < fetched.to }
    }

    /// Where the leads of `fetchWindow` (one that respects `cuts`) belong.
    func placement(of fetchWindow: FetchWindow) -> WindowPlacement {
        WindowPlacement(
            inWindow: fetchWindow.from >= window.from,
            isTracked: rescanFrom.map { fetchWindow.from >= $0 } ?? false)
    }
}

/// Where a fetch window's leads belong: the run's window (its plain outputs), the tracked rescan range, or both.
struct WindowPlacement: Sendable, Equatable {
    var inWindow = true
    var isTracked = false
}
