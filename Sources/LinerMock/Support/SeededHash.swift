/// Stateless pseudo-random numbers: every value is a hash of (seed, position, salt).
///
/// The dataset never keeps a generator's state between leads: lead `i` must be the same
/// whether it is rendered first or after a million others, so each draw is a pure function
/// of its inputs (SplitMix64's finalizer, which passes BigCrush as a hash of a counter).
enum SeededHash {
    /// SplitMix64's output function: a bijective mix of all 64 bits.
    @inline(__always)
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A hash of a seed and a position, used as the base of one lead's (or one request's) draws.
    @inline(__always)
    static func base(seed: UInt64, position: UInt64) -> UInt64 {
        mix(mix(seed ^ 0x5851_F42D_4C95_7F2D) ^ position)
    }

    /// A value in [0, 1) with 53 bits of precision.
    @inline(__always)
    static func unit(_ value: UInt64) -> Double {
        Double(value >> 11) * 0x1.0p-53
    }
}

/// Picks a bucket from per-mille weights: `weights` sum to 1000 and `draw` is in 0..<1000.
@inline(__always)
func pickBucket(_ draw: Int, _ weights: [Int]) -> Int {
    var remaining = draw
    for (bucket, weight) in weights.enumerated() {
        if remaining < weight { return bucket }
        remaining -= weight
    }
    return weights.count - 1
}
