import LinerTestSupport
import Testing
@testable import LinerExport

/// `CutSearch` on made-up accounts, without a server: whatever the density, every window holds its
/// share ±20 % unless a single second holds more, and the search settles within `WindowBalancer`'s
/// probe limit.
struct CutSearchTests {
    /// Creation instants (milliseconds, whole seconds, sorted) of a random account over `spanSeconds`:
    /// an even background and a few bursts, some of them a single second (a bulk import).
    static func account(spanSeconds: Int64, using random: inout SeededGenerator) -> [Int64] {
        var seconds: [Int64] = (0..<Int.random(in: 0...3_000, using: &random)).map { _ in Int64.random(in: 0..<spanSeconds, using: &random) }
        for _ in 0..<Int.random(in: 1...5, using: &random) {
            let start = Int64.random(in: 0..<spanSeconds, using: &random)
            let width = Bool.random(using: &random) ? 1 : Int64.random(in: 1...7_200, using: &random)
            for _ in 0..<Int.random(in: 500...8_000, using: &random) {
                seconds.append(min(spanSeconds - 1, start + Int64.random(in: 0..<width, using: &random)))
            }
        }
        return seconds.sorted().map { $0 * 1000 }
    }

    /// Runs the search to its end against `leads`, as `WindowBalancer` does without the limit.
    static func search(_ leads: [Int64], to: Int64, pieces: Int) -> (cuts: [Int64], probes: Int) {
        var search = CutSearch(from: 0, to: to, total: leads.count, pieces: pieces)
        var probes = 0
        var next = search.nextProbes()
        while !next.isEmpty {
            for instant in next { search.record(milliseconds: instant, count: leadsBefore(instant, in: leads)) }
            probes += next.count
            next = search.nextProbes()
        }
        return (search.cuts(), probes)
    }

    /// Leads created before `instant` (binary search).
    static func leadsBefore(_ instant: Int64, in leads: [Int64]) -> Int {
        var low = 0
        var high = leads.count
        while low < high {
            let middle = (low + high) / 2
            if leads[middle] < instant { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The most leads created in one second (`leads` sorted).
    static func heaviestSecond(_ leads: [Int64]) -> Int {
        var heaviest = 0
        var run = 0
        for (index, instant) in leads.enumerated() {
            run = index > 0 && leads[index - 1] == instant ? run + 1 : 1
            heaviest = max(heaviest, run)
        }
        return heaviest
    }

    @Test func everyWindowHoldsItsShareWithin20PercentOrIsASingleSecond() {
        let seed = SeededGenerator.testSeed()
        var random = SeededGenerator(seed: seed)
        for round in 0..<40 {
            let span = [3_600, 86_400, 31_622_400][round % 3] as Int64
            let leads = Self.account(spanSeconds: span, using: &random)
            let leadsPerWindow = [100, 1_000, 2_500][round % 3 == 0 ? 0 : Int.random(in: 0...2, using: &random)]
            let pieces = (leads.count + leadsPerWindow - 1) / leadsPerWindow
            guard pieces > 1 else { continue }
            let (cuts, probes) = Self.search(leads, to: span * 1000, pieces: pieces)
            let context = "seed \(seed), round \(round): \(leads.count) leads, \(pieces) pieces"
            #expect(probes <= WindowBalancer.maxProbes(cuts: pieces - 1), "\(context): \(probes) probes")
            #expect(cuts.allSatisfy { $0 % 1000 == 0 && $0 > 0 && $0 < span * 1000 } && cuts == cuts.sorted(), "\(context)")
            let share = Double(leads.count) / Double(pieces)
            let bounds = [0] + cuts + [span * 1000]
            let counts = zip(bounds, bounds.dropFirst()).map { Self.leadsBefore($1, in: leads) - Self.leadsBefore($0, in: leads) }
            #expect(counts.reduce(0, +) == leads.count, "\(context)")
            let heaviestSecond = Self.heaviestSecond(leads)
            for (index, count) in counts.enumerated() where Double(count) > share * 1.2 {
                #expect(bounds[index + 1] - bounds[index] == 1000, "\(context): window \(index) holds \(count), over \(share) + 20 %")
            }
            if heaviestSecond <= 2 * (leads.count / pieces / 12) {
                // No second holds more than twice the tolerance, so none can upset a cut: every window holds its share ±20 %.
                #expect(counts.allSatisfy { Double($0) >= share * 0.8 }, "\(context): \(counts)")
            }
        }
    }

    @Test func countsOutOfOrderAreClampedBetweenTheirNeighbours() {
        var search = CutSearch(from: 0, to: 100_000, total: 1_000, pieces: 2)
        search.record(milliseconds: 50_000, count: 600)
        search.record(milliseconds: 20_000, count: 700)
        search.record(milliseconds: 80_000, count: 5_000)
        #expect(search.points.map(\.count) == [0, 600, 600, 1_000, 1_000])
    }
}
