import LinerMock
import Testing

/// Pins the exact text of the synthetic leads. Their rendering is tuned by hand (short copies,
/// digit tables, escaping shortcuts), and tuning must not change a byte that tests and
/// benchmarks were written against. A deliberate change to the generator updates the pins.
@Suite("Lead bytes")
struct LeadBytesPinTests {
    /// FNV-1a (64-bit) of every lead's `json()` in order, for leads 0..<1,000 of `seed`. The
    /// range holds the huge sourceComment (index `seed % 5000`) and every shape many times.
    private static func fingerprint(seed: UInt64) -> UInt64 {
        let dataset = MockDataset(MockDatasetConfiguration(leadCount: 1_000, seed: seed))
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for index in 0..<dataset.leadCount {
            for byte in dataset.lead(at: index).json().utf8 {
                hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
            }
        }
        return hash
    }

    /// Values computed from the server before its rendering was tuned (commit ed75aeb), over
    /// `GET /v2/lead/detail/{id}` bodies.
    @Test("the JSON of leads 0..<1000 is unchanged", arguments: [
        (UInt64(1), UInt64(0x4186_9AD8_7BCA_3C31)), (UInt64(42), UInt64(0x8CE3_A0AD_753F_6DD5)),
    ])
    func pinned(seed: UInt64, expected: UInt64) {
        let actual = Self.fingerprint(seed: seed)
        #expect(actual == expected, "seed \(seed): fingerprint 0x\(String(actual, radix: 16, uppercase: true))")
    }
}
