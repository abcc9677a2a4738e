/// The account at one epoch: the epoch-0 account moved forward `epoch` steps, a pure function of
/// (dataset, epoch), so a server started at epoch 2 and one advanced 0 → 1 → 2 serve the same bytes.
///
/// Step `s` happens at `MockDataset.epochInstantSeconds(s)`. In it, each base lead that is not
/// archived and was created before the instant draws once: about 0.3 % are archived (gone from
/// lists, 404 on detail), about 1 % change statusId, sourceComment and/or custom field 10, with
/// `updatedAt` moved to the instant; and `leadCount / 200` (at least one) new leads appear, created
/// in the three days before the instant, ids after the base leads. Leads created by earlier steps
/// are worked harder, as a call centre works fresh leads: about 3 % archived, 25 % changed a step.
struct AccountEpoch: Sendable {
    /// Per ten thousand: (archived, changed) for base leads, then for leads created by epochs.
    static let baseRates = (archived: 30, changed: 100)
    static let createdRates = (archived: 300, changed: 2_500)
    static let newLeadWindowMinutes = 3 * 1_440

    private(set) var epoch = 0
    /// Index → latest values, for the changed leads (base or created by epochs) that are not archived.
    private(set) var revisions: [Int: LeadRevision] = [:]
    /// Base index → current status, for the base leads whose status changed (BaseLeadSequence's overrides);
    /// an epoch's own leads carry theirs in `createdLeads`.
    private(set) var statusOverrides: [Int: Int] = [:]
    /// Archived indices, sorted (base leads, then leads created by epochs).
    private(set) var archived: [Int32] = []
    private var archivedSet: Set<Int> = []
    /// The leads epochs created and did not archive, sorted by `DriftLead.sorts(before:)`.
    private(set) var createdLeads: [DriftLead] = []
    /// How many leads epochs created, archived ones included: they have indices leadCount..<leadCount + count.
    private(set) var createdLeadCount = 0

    /// The epoch-0 account.
    init() {}

    /// The account at `epoch` (values below 0 count as 0).
    init(dataset: MockDataset, epoch: Int) {
        advance(to: epoch, in: dataset)
    }

    func isArchived(index: Int) -> Bool { archivedSet.contains(index) }

    /// Applies steps `epoch + 1 ... target`; does nothing when `target <= epoch`.
    mutating func advance(to target: Int, in dataset: MockDataset) {
        guard target > epoch else { return }
        for step in (epoch + 1)...target {
            apply(step: step, in: dataset)
        }
        epoch = target
        archived = archivedSet.map { Int32($0) }.sorted()
    }

    private mutating func apply(step: Int, in dataset: MockDataset) {
        let instant = dataset.epochInstantSeconds(step)
        let seed = dataset.configuration.seed ^ 0xE90C_4A11_7D3B_5F21
        func roll(_ index: Int) -> (draw: UInt64, perTenThousand: Int) {
            let draw = SeededHash.mix(SeededHash.base(seed: seed, position: UInt64(step) << 40 ^ UInt64(index)))
            return (draw >> 16, Int(draw % 10_000))
        }
        for index in 0..<dataset.countCreated(atOrBefore: instant - 1) where !archivedSet.contains(index) {
            let (draw, chance) = roll(index)
            if chance < Self.baseRates.archived {
                archivedSet.insert(index)
                revisions[index] = nil
                statusOverrides[index] = nil
            } else if chance < Self.baseRates.archived + Self.baseRates.changed {
                let status = change(index: index, step: step, instant: instant, draw: draw, in: dataset)
                if let status { statusOverrides[index] = status }
            }
        }
        for lead in createdLeads {
            let (draw, chance) = roll(lead.index)
            if chance < Self.createdRates.archived {
                archivedSet.insert(lead.index)
                revisions[lead.index] = nil
                createdLeads.removeAll { $0.index == lead.index }
            } else if chance < Self.createdRates.archived + Self.createdRates.changed,
                let status = change(index: lead.index, step: step, instant: instant, draw: draw, in: dataset),
                let position = createdLeads.firstIndex(where: { $0.index == lead.index })
            {
                var changed = lead
                changed.statusId = status
                createdLeads[position] = changed
            }
        }
        let newLeads = dataset.leadCount == 0 ? 0 : max(1, dataset.leadCount / 200)
        for _ in 0..<newLeads {
            let index = dataset.leadCount + createdLeadCount
            createdLeadCount += 1
            let draw = SeededHash.mix(SeededHash.base(seed: seed ^ 0x1EAD, position: UInt64(index)))
            let minutesBefore = 1 + Int64(draw % UInt64(Self.newLeadWindowMinutes))
            let lead = DriftLead(
                index: index, createdAtSeconds: instant - minutesBefore * 60,
                statusId: dataset.statusId(at: index), orderId: dataset.orderId(at: index), updatedAtMostSeconds: instant)
            createdLeads.insert(lead, at: createdLeads.firstIndex { lead.sorts(before: $0) } ?? createdLeads.count)
        }
    }

    /// Changes one to three of statusId, sourceComment and custom field 10 (bits of `draw`).
    /// - Returns: the new status, when it changed.
    private mutating func change(index: Int, step: Int, instant: Int64, draw: UInt64, in dataset: MockDataset) -> Int? {
        var revision = revisions[index] ?? LeadRevision(updatedAtSeconds: instant)
        revision.updatedAtSeconds = instant
        let fields = 1 + draw % 7
        if fields & 1 != 0 {
            let ids = MockLeadStatus.all.map(\.id)
            let current = revision.statusId ?? dataset.statusId(at: index)
            let position = ids.firstIndex(of: current) ?? 0
            let status = ids[(position + 1 + Int((draw >> 8) % UInt64(ids.count - 1))) % ids.count]
            revision.statusId = status
        }
        if fields & 2 != 0 {
            let note = Self.operatorNotes[Int((draw >> 16) % UInt64(Self.operatorNotes.count))]
            revision.sourceComment = "\(note) (день \(step), лид \(index + 1))"
        }
        if fields & 4 != 0 {
            revision.budget = "\(1 + (draw >> 24) % 20) млн, уточнено в день \(step)"
        }
        revisions[index] = revision
        return fields & 1 != 0 ? revision.statusId : nil
    }

    private static let operatorNotes = [
        "Перезвонить завтра", "Клиент думает", "Назначена встреча", "Не берёт трубку", "Просит скидку, \"срочно\"",
    ]
}
