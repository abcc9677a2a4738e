import Foundation

/// A time zone's UTC offsets as a sorted list of transitions, so that an offset costs a binary
/// search (about 12 ns) instead of a call to `TimeZone.secondsFromGMT(for:)`, which costs 30–150 ns
/// on Linux and takes a lock on every call (swift-foundation's `_TimeZone` serializes access to its
/// ICU calendar), so exporter threads would queue on it.
///
/// The list is read once from Foundation (`nextDaylightSavingTimeTransition(after:)`, which also
/// reports changes of standard time such as Moscow's in 2011 and 2014) and checked against
/// `secondsFromGMT(for:)` every 30 days and around every transition. It covers 1901–2100, the
/// window outside which swift-foundation clamps its own answers; outside it, or if the check fails
/// on some platform, lookups go to Foundation, slower but consistent with it.
/// Immutable after `init`; share one per zone through `ZoneOffsetTable.shared(for:)`.
final class ZoneOffsetTable: Sendable {
    let timeZone: TimeZone
    /// Whether the zone is UTC at every instant, so the formatter may write `Z`.
    let isUTC: Bool
    /// UTC seconds at which the offset changes, ascending.
    private let transitions: [Int64]
    /// `offsets[k]` is the offset in seconds once `k` transitions have passed: `offsets[0]` applies
    /// before the first transition, the last element after the last one.
    private let offsets: [Int32]
    /// UTC seconds for which `transitions` is complete; nil when the table is not trusted.
    private let coverage: Range<Int64>?

    /// Whether the table passed its check against Foundation (if not, every lookup asks Foundation).
    var isVerified: Bool { coverage != nil }

    /// 1901-01-01T00:00:00Z: swift-foundation answers for earlier instants with this one's offset.
    static let coverageStart: Int64 = -2_177_452_800
    /// 2101-01-01T00:00:00Z: swift-foundation reports no transition after it and answers for later
    /// instants with its offset.
    static let coverageEnd: Int64 = 4_133_980_800

    /// Builds the table; costs about a millisecond, so use `shared(for:)`.
    init(timeZone: TimeZone) {
        self.timeZone = timeZone
        let range = Self.coverageStart..<Self.coverageEnd
        var transitions: [Int64] = []
        var offsets: [Int32] = [Int32(timeZone.secondsFromGMT(for: Self.date(range.lowerBound)))]
        var cursor = Self.date(range.lowerBound)
        while let next = timeZone.nextDaylightSavingTimeTransition(after: cursor), next > cursor,
            next.timeIntervalSince1970 < Double(range.upperBound)
        {
            cursor = next
            let offset = Int32(timeZone.secondsFromGMT(for: next))
            // A transition may change only the DST flag (Moscow, 1991): the offset stays, so skip it.
            guard offset != offsets.last else { continue }
            transitions.append(Int64(next.timeIntervalSince1970.rounded(.down)))
            offsets.append(offset)
        }
        self.transitions = transitions
        self.offsets = offsets
        self.isUTC = transitions.isEmpty && offsets == [0]
        self.coverage = Self.agrees(timeZone: timeZone, transitions: transitions, offsets: offsets, over: range)
            ? range : nil
    }

    /// The zone's offset from UTC in seconds at the instant `utcSeconds` (seconds since the epoch).
    @inline(__always)
    func offset(atUTCSeconds utcSeconds: Int64) -> Int {
        guard let coverage, coverage.contains(utcSeconds) else {
            return timeZone.secondsFromGMT(for: Self.date(utcSeconds))
        }
        return Int(Self.lookUp(utcSeconds, transitions: transitions, offsets: offsets))
    }

    /// The instant (UTC seconds) at which the zone's wall clock reads `localSeconds` (seconds since
    /// 1970-01-01T00:00:00 on that wall clock).
    ///
    /// - In a gap (the clock jumps forward, so the wall time never occurs) the wall time is read
    ///   with the offset in force before the jump, which moves it forward by the gap's length the
    ///   way a clock would: 02:30 in a 02:00→03:00 gap gives the instant of 03:30.
    /// - In an overlap (the clock falls back, so the wall time occurs twice) the earlier instant wins.
    ///
    /// Assumes transitions are more than two days apart, true of every zone since 1900 that the
    /// exporter has reason to use.
    func utcSeconds(forLocalSeconds localSeconds: Int64) -> Int64 {
        let day: Int64 = 86_400
        let before = Int64(offset(atUTCSeconds: localSeconds - day))
        let after = Int64(offset(atUTCSeconds: localSeconds + day))
        if before == after {
            return localSeconds - before
        }
        let early = localSeconds - before
        let late = localSeconds - after
        let earlyHolds = Int64(offset(atUTCSeconds: early)) == before
        let lateHolds = Int64(offset(atUTCSeconds: late)) == after
        switch (earlyHolds, lateHolds) {
        case (true, true): return min(early, late)  // overlap
        case (false, true): return late
        default: return early  // unambiguous before the transition, or a gap
        }
    }

    /// The offset in force at `utcSeconds`: a binary search for how many transitions have passed.
    @inline(__always)
    private static func lookUp(_ utcSeconds: Int64, transitions: [Int64], offsets: [Int32]) -> Int32 {
        var low = 0
        var high = transitions.count
        while low < high {
            let middle = (low + high) >> 1
            if transitions[middle] <= utcSeconds { low = middle + 1 } else { high = middle }
        }
        return offsets[low]
    }

    /// Compares the table with Foundation every 30 days (and on both sides of each transition),
    /// so a platform whose transition list misses a change of standard time is caught here.
    private static func agrees(
        timeZone: TimeZone, transitions: [Int64], offsets: [Int32], over range: Range<Int64>
    ) -> Bool {
        var probes = Array(stride(from: range.lowerBound, to: range.upperBound, by: 30 * 86_400))
        for transition in transitions {
            probes.append(transition - 1)
            probes.append(transition)
        }
        return probes.allSatisfy { probe in
            Int(lookUp(probe, transitions: transitions, offsets: offsets))
                == timeZone.secondsFromGMT(for: Self.date(probe))
        }
    }

    private static func date(_ utcSeconds: Int64) -> Date {
        Date(timeIntervalSince1970: Double(utcSeconds))
    }
}
