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
