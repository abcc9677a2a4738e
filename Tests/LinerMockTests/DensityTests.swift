import Foundation
import Testing

@testable import LinerMock

@Suite("Creation density: bursts")
struct DensityTests {
    private static let start: Int64 = 1_704_067_200  // 2024-01-01T00:00:00Z
    /// 6,000 leads over 6,000 minutes, 90 % of them in 3 bursts of 10 minutes.
    private static let bursts = LeadBursts(count: 3, durationSeconds: 600, perMille: 900)

    private static func dataset(leads: Int = 6_000, bursts: LeadBursts? = Self.bursts) -> MockDataset {
        MockDataset(MockDatasetConfiguration(leadCount: leads, bursts: bursts))
    }

    /// Where burst `number` (0-based) starts: in the middle of its third of the 6,000 minutes.
    private static func burstStart(_ number: Int) -> Int64 {
        start + 120_000 * Int64(number) + (120_000 - 600) / 2
    }

    @Test("creation times never decrease, 90 % fall in the bursts, all within uniform spacing's span")
    func shape() {
        let dataset = Self.dataset()
        let times = (0..<dataset.leadCount).map { dataset.createdAtSeconds(at: $0) }
        #expect(zip(times, times.dropFirst()).allSatisfy { $0 <= $1 })
        #expect(times.first == Self.start && times.last! < Self.start + 6_000 * 60)
        for number in 0..<3 {
            let inBurst = times.filter { (Self.burstStart(number)..<Self.burstStart(number) + 600).contains($0) }
            #expect(inBurst.count == 1_800, "burst \(number)")
        }
    }

    @Test("an instant maps to the leads created at or before it, as a scan finds them")
    func countCreated() {
        for bursts in [Self.bursts, LeadBursts(count: 2, durationSeconds: 0, perMille: 500), LeadBursts(count: 1, durationSeconds: 1_000_000)] {
            let dataset = Self.dataset(leads: 3_001, bursts: bursts)
            let times = (0..<dataset.leadCount).map { dataset.createdAtSeconds(at: $0) }
            #expect(zip(times, times.dropFirst()).allSatisfy { $0 <= $1 }, "\(bursts)")
            var instants = Array(stride(from: Self.start - 5, to: Self.start + 3_001 * 60 + 5, by: 331))
            instants += times.prefix(50) + times.suffix(50) + times.enumerated().filter { $0.offset % 13 == 0 }.map { $0.element - 1 }
            for instant in instants {
                #expect(dataset.countCreated(atOrBefore: instant) == times.filter { $0 <= instant }.count, "\(bursts) at \(instant)")
            }
        }
    }

    @Test("uniform spacing is unchanged without bursts")
    func uniform() {
        let dataset = Self.dataset(leads: 100, bursts: nil)
        #expect((0..<100).allSatisfy { dataset.createdAtSeconds(at: $0) == Self.start + Int64($0) * 60 })
        #expect(dataset.countCreated(atOrBefore: Self.start + 90) == 2)
    }

    @Test("the server's createdAt window around a burst serves exactly the leads created in it")
    func serverWindow() async throws {
        var configuration = MockServerConfiguration()
        configuration.dataset = MockDatasetConfiguration(leadCount: 6_000, bursts: Self.bursts)
        try await withServer(configuration) { server in
            // Five quiet minutes, then the first half of burst 1.
            let from = Self.burstStart(1) - 300
            let to = Self.burstStart(1) + 299
            let iso = ISO8601DateFormatter()
            let query = "createdAt[0]=\(iso.string(from: Date(timeIntervalSince1970: Double(from))))"
                + "&createdAt[1]=\(iso.string(from: Date(timeIntervalSince1970: Double(to))))"
            let pages = try walkPages(port: server.port, query: query, limit: 100)
            let times = (0..<6_000).map { server.dataset.createdAtSeconds(at: $0) }
            let expected = times.indices.filter { (from...to).contains(times[$0]) }.map { $0 + 1 }
            #expect(expected.count > 800)
            #expect(pages.first?.total == expected.count)
            #expect(pages.flatMap(\.ids) == expected)
            for lead in pages.flatMap(\.list) {
                let created = try #require(TestDates.decode(lead["createdAt"])?.date)
                #expect((Double(from)...Double(to)).contains(created.timeIntervalSince1970), "lead \(lead["id"] ?? "?")")
            }
        }
    }
}
