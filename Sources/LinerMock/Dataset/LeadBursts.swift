/// A skewed account: most leads created in a few short bursts, the rest spread thinly between them.
///
/// The account spans what uniform spacing would give it (`leadCount × spacingSeconds` from
/// `firstCreatedAt`), cut into `count` equal periods. Each period holds an equal share of the leads
/// (the first ones one more when they do not divide): `perMille` ‰ of them evenly spaced in a burst
/// of `durationSeconds` in the middle of the period, the rest evenly spaced before and after it, in
/// proportion to those spans' lengths. Deterministic: no draw decides a creation time.
public struct LeadBursts: Sendable, Equatable {
    /// Bursts in the account's span; values below 1 are treated as 1.
    public var count: Int
    /// Length of each burst; clamped to 0...the period's length.
    public var durationSeconds: Int
    /// Leads created inside the bursts, in thousandths of all leads; clamped to 0...1000.
    public var perMille: Int

    /// Creates a profile; every parameter has the documented default.
    public init(count: Int = 3, durationSeconds: Int = 3_600, perMille: Int = 900) {
        self.count = count
        self.durationSeconds = durationSeconds
        self.perMille = perMille
    }
}
