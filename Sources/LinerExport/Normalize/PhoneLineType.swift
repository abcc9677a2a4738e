/// What kind of line a valid number belongs to, as far as the numbering plan tells.
public enum PhoneLineType: String, Sendable {
    /// A mobile number.
    case mobile
    /// A fixed (landline) number.
    case fixedLine
    /// The plan does not tell fixed and mobile apart (the US and Canada, for example).
    case fixedLineOrMobile
    /// Toll-free, premium rate, VoIP, pager, shared cost and the like.
    case other
    /// Valid, but the plan assigns it no type.
    case unknown
}
