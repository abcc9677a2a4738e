/// What moved in the account between two epochs: the ground truth a changes export must find.
public struct MockAccountChanges: Sendable, Equatable {
    /// Ids of the leads created by the epochs in between.
    public var created: Set<Int> = []
    /// Ids of the leads whose values differ, each with the names of the fields that differ: among
    /// `statusId`, `sourceComment`, `customValues` and `updatedAt` (always, as every change moves it).
    /// Archived leads are not listed here.
    public var updated: [Int: Set<String>] = [:]
    /// Ids of the leads archived in between (listed before, gone from lists and 404 on detail now).
    public var archived: Set<Int> = []

    /// Compares the account at two epochs.
    init(from old: AccountEpoch, to new: AccountEpoch, in dataset: MockDataset) {
        // A lead created and then archived or changed in between is neither: it was never seen.
        let firstNewIndex = dataset.leadCount + old.createdLeadCount
        let existedBefore = Set(old.createdLeads.map(\.index))
        func existed(_ index: Int) -> Bool { index < dataset.leadCount || existedBefore.contains(index) }
        created = Set(new.createdLeads.filter { $0.index >= firstNewIndex }.map(\.id))
        archived = Set(new.archived.map { Int($0) }.filter { existed($0) && !old.isArchived(index: $0) }.map { $0 + 1 })
        for (index, revision) in new.revisions where existed(index) {
            let before = old.revisions[index]
            guard before != revision else { continue }
            var fields: Set<String> = ["updatedAt"]
            let originalStatus = dataset.statusId(at: index)
            if (before?.statusId ?? originalStatus) != (revision.statusId ?? originalStatus) { fields.insert("statusId") }
            // A revised text always differs from the generated one and from other steps' (it names its step).
            if before?.sourceComment != revision.sourceComment { fields.insert("sourceComment") }
            if before?.budget != revision.budget { fields.insert("customValues") }
            updated[index + 1] = fields
        }
    }

    /// The changes of the leads whose id passes `isIncluded`.
    func filter(_ isIncluded: (Int) -> Bool) -> MockAccountChanges {
        var kept = self
        kept.created = created.filter(isIncluded)
        kept.updated = updated.filter { isIncluded($0.key) }
        kept.archived = archived.filter(isIncluded)
        return kept
    }
}
