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

/// The independent draws of one lead: each field asks with its own salt, so adding a field
/// or reordering the generator never changes what the other fields get.
struct LeadDraws: Sendable {
    let base: UInt64

    init(seed: UInt64, index: Int) {
        base = SeededHash.base(seed: seed, position: UInt64(bitPattern: Int64(index)))
    }

    /// A 64-bit draw for `salt`.
    @inline(__always)
    func value(_ salt: LeadSalt, _ extra: UInt64 = 0) -> UInt64 {
        SeededHash.mix(base ^ (salt.rawValue &* 0xD6E8_FEB8_6659_FD93) ^ (extra &* 0xA076_1D64_78BD_642F))
    }

    /// A draw in 0..<1000, used to pick a bucket from per-mille weights.
    @inline(__always)
    func perMille(_ salt: LeadSalt, _ extra: UInt64 = 0) -> Int {
        Int(value(salt, extra) % 1000)
    }

    /// A draw in 0..<bound.
    @inline(__always)
    func below(_ bound: Int, _ salt: LeadSalt, _ extra: UInt64 = 0) -> Int {
        Int(value(salt, extra) % UInt64(bound))
    }
}

/// One salt per independently drawn lead attribute.
enum LeadSalt: UInt64 {
    case status = 1, order, name, nameParts, sourceComment, sourceCommentParts
    case phoneShape, phoneNumber, telegramShape, telegramNumber
    case createdShape, updatedShape, updatedMinutes, planningShape, planningHours
    case idAsString, statusAsString, orderAsString, priority, utcOffset
    case ip, externalIds, leadType, createMethod, secondary, previousLead, nextLead
    case vkId, instagram, telegramUser, customValues, customValueParts, extras
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
