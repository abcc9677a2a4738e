import Foundation

/// One synthetic lead: the true values a correct export must end up with, and the exact JSON
/// the server sends for it (`json()`), which renders those values in the awkward shapes a
/// real Liner account produces.
///
/// Everything is a pure function of the dataset seed and `index`, so a lead is rebuilt on
/// demand instead of stored. Fields not exposed here (ip, external ids, utcOffset, priority,
/// customValues, ...) are rendered from the same draws; read them from `json()`.
public struct MockLead: Sendable {
    /// Position in the dataset (base leads), or `leadCount + k` for the k-th lead created after
    /// them (by the account's epochs first, then by drift).
    public let index: Int
    /// `index + 1`: base leads have ids 1...leadCount, later leads `leadCount + 1 + k`.
    public let id: Int
    /// The true creation instant, whatever shape the JSON renders it in.
    public let createdAt: Date
    /// The true update instant: `createdAt` plus 0...2880 whole minutes, or the instant of the
    /// latest epoch that changed the lead.
    public let updatedAt: Date
    /// The exact decoded text of "name".
    public let name: String
    /// The exact decoded text of "sourceComment" (nil when JSON null).
    public let sourceComment: String?
    /// The exact text of "phone" (nil when JSON null).
    public let rawPhone: String?
    /// The E.164 number `rawPhone` denotes (default region RU), nil when it is empty, garbage or
    /// invalid. Extensions are dropped, as E.164 has none.
    public let phoneE164: String?
    /// The exact text of "telegramPhone" (nil when JSON null).
    public let rawTelegramPhone: String?
    /// The E.164 number `rawTelegramPhone` denotes, like `phoneE164`.
    public let telegramPhoneE164: String?
    /// One of `MockDataset.statuses`' ids (the JSON sometimes sends it as a numeric string).
    public let statusId: Int
    /// One of `MockDataset.orders`' ids (the JSON sometimes sends it as a numeric string).
    public let orderId: Int
    /// true, false or nil (JSON null).
    public let isSecondary: Bool?
    /// The earlier lead this one repeats; set exactly when `isSecondary == true`.
    public let previousLeadId: Int?
    /// A later lead that duplicates this one, for about one lead in ten.
    public let nextLeadId: Int?

    let createdAtSeconds: Int64
    let updatedAtSeconds: Int64
    let draws: LeadDraws
    let orderCode: String
    /// Custom field 10's value as an epoch changed it; nil keeps the generated customValues.
    let revisedBudget: String?

    /// Builds the lead at `index`; `statusId`/`orderId` come from the caller because drift
    /// leads must match the query they are inserted into. `revision` (an epoch's changes) replaces
    /// the texts and `updatedAt` it sets; its status is the caller's `statusId`. `updatedAtMostSeconds`
    /// caps the generated `updatedAt` (an epoch's new lead is not updated after its epoch's "now").
    init(
        index: Int, draws: LeadDraws, createdAtSeconds: Int64, statusId: Int, orderId: Int,
        leadCount: Int, hasHugeComment: Bool, revision: LeadRevision? = nil, updatedAtMostSeconds: Int64? = nil
    ) {
        self.index = index
        self.id = index + 1
        self.draws = draws
        self.createdAtSeconds = createdAtSeconds
        self.updatedAtSeconds = revision?.updatedAtSeconds
            ?? min(createdAtSeconds + Int64(draws.below(2881, .updatedMinutes)) * 60, updatedAtMostSeconds ?? .max)
        self.revisedBudget = revision?.budget
        self.createdAt = Date(timeIntervalSince1970: TimeInterval(createdAtSeconds))
        self.updatedAt = Date(timeIntervalSince1970: TimeInterval(updatedAtSeconds))
        self.statusId = statusId
        self.orderId = orderId
        self.orderCode = MockOrder.codesById[orderId] ?? ""

        name = SampleText.name(kindDraw: draws.perMille(.name), partsDraw: draws.value(.nameParts))
        if let revised = revision?.sourceComment {
            sourceComment = revised
        } else if hasHugeComment {
            sourceComment = SampleText.hugeSourceComment(leadId: index + 1)
        } else {
            sourceComment = SampleText.sourceComment(
                kindDraw: draws.perMille(.sourceComment), partsDraw: draws.value(.sourceCommentParts), leadId: index + 1)
        }

        let phone = PhoneSamples.sample(
            shapeDraw: draws.perMille(.phoneShape), numberDraw: draws.value(.phoneNumber),
            weights: PhoneSamples.phoneWeights)
        rawPhone = phone.raw
        phoneE164 = phone.e164
        let telegram = PhoneSamples.sample(
            shapeDraw: draws.perMille(.telegramShape), numberDraw: draws.value(.telegramNumber),
            weights: PhoneSamples.telegramWeights)
        rawTelegramPhone = telegram.raw
        telegramPhoneE164 = telegram.e164

        let secondaryDraw = draws.perMille(.secondary)
        if secondaryDraw < 700 || index == 0 {
            isSecondary = false
            previousLeadId = nil
        } else if secondaryDraw < 850 {
            isSecondary = true
            let back = 1 + draws.below(min(index, 1000), .previousLead)
            previousLeadId = min(index + 1 - back, leadCount)
        } else {
            isSecondary = nil
            previousLeadId = nil
        }
        let next = index + 2 + draws.below(100, .nextLead)
        nextLeadId = draws.perMille(.nextLead, 1) < 100 && next <= leadCount ? next : nil
    }

    /// Exactly the JSON object the server sends for this lead (UTF-8, no whitespace).
    public func json() -> String {
        var writer = JSONWriter(capacity: 1536)
        write(to: &writer)
        return writer.string
    }
}
