import LinerJSON
import Logging

/// Writes the fetched leads: drops ids already written (window edges, the lookback overlap with the
/// previous run), applies a client-side status filter and `primaryOnly`, normalizes each lead through
/// the normalize stage and writes it to the record sink, in window order.
final class LeadCollector {
    /// What the collector kept and left out.
    struct Counts: Sendable {
        /// Leads kept, each once (secondary leads left out by `primaryOnly` included).
        var uniqueLeads = 0
        var duplicates = 0
        /// Leads of the lookback overlap already exported by the previous run.
        var overlapSkipped = 0
        /// Leads dropped by the client-side status filter.
        var filteredOut = 0
        /// Secondary leads left out because the pipeline asked for primary leads only.
        var secondarySkipped = 0

        /// Leads written to the records.
        var written: Int { uniqueLeads - secondarySkipped }
    }

    let stage: NormalizeStage
    let records: RecordSink
    let logger: Logger
    /// Kept statuses when the status filter runs on the client; nil keeps all.
    let keptStatusIds: Set<Int64>?
    /// Ids the previous successful run exported in its lookback span: skipped, not written again.
    private var previouslyExported = LeadIDSet()
    private var seen = LeadIDSet()
    /// What was left out so far (`uniqueLeads` is filled in by `counts`).
    private var tally = Counts()
    private(set) var warnings: NormalizationWarnings
    /// Leads without a readable id: written (they cannot be deduplicated), and counted.
    private var leadsWithoutID = 0
    /// Leads without an id already written by a window that was then split: its pieces serve them
    /// again, and nothing else can tell them apart. Keyed by their JSON text.
    private var repeatsWithoutID: [[UInt8]: Int] = [:]
    /// Ids written from windows that start at or after `tailStart`, for the next incremental run.
    private(set) var tailIDs: [Int64] = []

    /// - Parameter filters: the client-side status filter, when the pipeline asks for one.
    /// - Parameter previouslyExported: ids to skip (the previous run's lookback overlap).
    init(stage: NormalizeStage, records: RecordSink, filters: FilterSpec, previouslyExported: [Int64] = [], logger: Logger) {
        self.stage = stage
        self.records = records
        self.logger = logger
        warnings = NormalizationWarnings(keepsRejects: stage.keepsRejects)
        keptStatusIds = filters.statusFilter == .client && !filters.statusIds.isEmpty ? Set(filters.statusIds.map(Int64.init)) : nil
        for id in previouslyExported { _ = self.previouslyExported.insert(id) }
    }

    var counts: Counts {
        var counts = tally
        counts.uniqueLeads = uniqueLeads
        return counts
    }

    /// Leads written, each once.
    private var uniqueLeads: Int { seen.count + leadsWithoutID }

    /// Writes one window's spool.
    /// - Parameter isTail: remember the ids written (the next run's lookback overlap).
    /// - Parameter placement: where the window's leads belong (the run's window, the tracked range).
    func collect(spoolPath: String, isTail: Bool, placement: WindowPlacement = WindowPlacement()) throws {
        try LeadSpoolReader.forEachLead(in: spoolPath) { lead in
            try collect(lead, prepared: nil, isTail: isTail, placement: placement)
        }
        logger.debug("window written", metadata: ["spool": "\(spoolPath)", "leads": .stringConvertible(uniqueLeads)])
    }

    /// Writes one lead unless it was written already or is filtered out. A tracked lead the previous run
    /// exported in its lookback overlap is still tracked, only left out of the window's outputs.
    /// - Parameter prepared: the lead already normalized; nil normalizes it here (only when it is kept).
    func collect(_ lead: JSONObject, prepared: PreparedLead?, isTail: Bool, placement: WindowPlacement = WindowPlacement()) throws {
        var placement = placement
        if let keptStatusIds {
            guard let status = lead["statusId"]?.int64Value, keptStatusIds.contains(status) else {
                tally.filteredOut += 1
                return
            }
        }
        let id = lead["id"]?.int64Value
        if let id {
            if placement.inWindow, previouslyExported.contains(id) {
                tally.overlapSkipped += 1
                guard placement.isTracked else { return }
                placement.inWindow = false
            }
            guard seen.insert(id) else {
                tally.duplicates += 1
                return
            }
            if isTail { tailIDs.append(id) }
        } else {
            if !repeatsWithoutID.isEmpty, skipRepeat(of: lead) {
                tally.duplicates += 1
                return
            }
            leadsWithoutID += 1
            warnings.record(.leadWithoutID, field: "id", value: RejectedValue.text(of: lead["id"]))
        }
        if stage.normalizer.skipsSecondaryLeads, LeadNormalizer.isSecondary(lead) {
            tally.secondarySkipped += 1
            // A lead without an id raised its warning already: its row stays with the count.
            if stage.keepsRejects { try records.reject(leadID: id, rejects: warnings.takeRejects()) }
            return
        }
        // A lead written nowhere (tracked, unchanged, outside the window) raised no warning of the run's.
        var leadWarnings = NormalizationWarnings(keepsRejects: stage.keepsRejects)
        let record: Record
        if let prepared {
            leadWarnings.merge(prepared.warnings)
            record = try prepared.record.get()
        } else {
            record = try stage.normalize(lead, warnings: &leadWarnings)
        }
        let kept = KeptLead(record: record, id: id, placement: placement, createdAt: lead["createdAt"])
        // `warnings` holds this lead's `lead_without_id` row, when it raised one.
        if try records.write(kept, rejects: stage.keepsRejects ? warnings.takeRejects() + leadWarnings.takeRejects() : []) {
            warnings.merge(leadWarnings)
        }
    }

    /// Counts the warnings of leads written outside the collector (the change tracker's looked-up leads).
    func merge(_ leadWarnings: NormalizationWarnings) {
        warnings.merge(leadWarnings)
    }

    /// Remembers leads without an id that were written, to skip each once when served again.
    func expectRepeats(ofLeadsWithoutID leads: [[UInt8]]) {
        for text in leads { repeatsWithoutID[text, default: 0] += 1 }
    }

    private func skipRepeat(of lead: JSONObject) -> Bool {
        let text = DirectRenderSink.text(of: lead)
        guard let count = repeatsWithoutID[text] else { return false }
        repeatsWithoutID[text] = count > 1 ? count - 1 : nil
        return true
    }
}

/// Writes a window's leads as they arrive, when the run has no state file to resume from (and so
/// no spool to render later).
///
/// A window that is split after some of its leads were written needs nothing undone: its pieces
/// serve those leads again and the collector skips them by id. Leads without an id cannot be told
/// apart that way, so the split window hands them to the collector to skip once each.
final class DirectRenderSink: LeadSink {
    private let collector: LeadCollector
    private var writtenWithoutID: [[UInt8]] = []

    init(collector: LeadCollector) {
        self.collector = collector
    }

    func append(_ lead: JSONObject, prepared: PreparedLead?) throws {
        if lead["id"]?.int64Value == nil { writtenWithoutID.append(Self.text(of: lead)) }
        try collector.collect(lead, prepared: prepared, isTail: false)
    }

    func complete() throws {}

    func discard() {
        collector.expectRepeats(ofLeadsWithoutID: writtenWithoutID)
        writtenWithoutID = []
    }

    static func text(of lead: JSONObject) -> [UInt8] {
        var text: [UInt8] = []
        JSONWriter.append(.object(lead), to: &text)
        return text
    }
}
