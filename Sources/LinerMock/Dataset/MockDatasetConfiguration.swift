import Foundation

/// What the fake account's leads look like: how many, from which seed, created when.
public struct MockDatasetConfiguration: Sendable, Equatable {
    /// Number of base leads, ids 1...leadCount. Negative values are treated as 0.
    public var leadCount: Int = 1_000
    /// Seed of every lead attribute; the same seed gives byte-identical leads.
    public var seed: UInt64 = 1
    /// Creation instant of lead 0 (id 1). Rounded down to a whole second; keep it on a whole
    /// minute (and between 1970 and 9999) so every date shape can denote the leads' instants.
    public var firstCreatedAt: Date = Date(timeIntervalSince1970: 1_704_067_200)  // 2024-01-01T00:00:00Z
    /// Lead `i` is created at `firstCreatedAt + i * spacingSeconds`. Keep it a multiple of 60:
    /// the minute-only shape ("DD.MM.YYYY HH:MM") is used only on whole minutes. Negative
    /// values are treated as 0 (then all leads share one instant and are ordered by id).
    public var spacingSeconds: Int = 60
    /// Nil (the default): leads evenly spaced as `spacingSeconds` says. Set: the same span and count,
    /// but most leads created in a few bursts (`LeadBursts`), for clients that must cope with skew.
    public var bursts: LeadBursts?
    /// The account's "now" at epoch 0; epoch N is `epochStepSeconds * N` later (see
    /// `MockLinerServer.advance(to:)`). Nil: two days after the last base lead's creation, so every
    /// base lead's `updatedAt` is before it. Keep it on a whole minute, and not earlier than that.
    public var epochZeroAt: Date?
    /// Seconds between consecutive epochs' instants: a day by default. Values below 60 count as 60.
    public var epochStepSeconds: Int = 86_400

    /// Creates a configuration; every parameter has the documented default.
    public init(
        leadCount: Int = 1_000,
        seed: UInt64 = 1,
        firstCreatedAt: Date = Date(timeIntervalSince1970: 1_704_067_200),
        spacingSeconds: Int = 60,
        bursts: LeadBursts? = nil,
        epochZeroAt: Date? = nil,
        epochStepSeconds: Int = 86_400
    ) {
        self.leadCount = leadCount
        self.seed = seed
        self.firstCreatedAt = firstCreatedAt
        self.spacingSeconds = spacingSeconds
        self.bursts = bursts
        self.epochZeroAt = epochZeroAt
        self.epochStepSeconds = epochStepSeconds
    }
}
