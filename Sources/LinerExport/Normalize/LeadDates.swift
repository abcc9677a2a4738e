/// The instants read from one lead's date fields, kept for the lead's other columns: a client-time
/// column reads the same field as its date column, and parsing it twice cost a tenth of a lead.
/// Per-call scratch, three entries inline (a lead has three date fields); more are simply re-read.
struct LeadDates {
    private var entries: (Entry, Entry, Entry) = (.unused, .unused, .unused)
    /// The lead's `utcOffset` in seconds once read (`.some(nil)` when it is missing or unreadable).
    private var clientOffset: Int??

    private struct Entry {
        var slot: Int
        var timestamp: Timestamp?
        static let unused = Entry(slot: -1, timestamp: nil)
    }

    /// The client's offset from UTC in seconds, read with `read` the first time: every client-time
    /// column of a lead uses the same one.
    mutating func clientOffsetSeconds(_ read: () -> Int?) -> Int? {
        if let clientOffset { return clientOffset }
        let offset = read()
        clientOffset = .some(offset)
        return offset
    }

    /// The instant of the date field at `slot`, read with `read` the first time.
    mutating func timestamp(atSlot slot: Int, _ read: () -> Timestamp?) -> Timestamp? {
        if entries.0.slot == slot { return entries.0.timestamp }
        if entries.1.slot == slot { return entries.1.timestamp }
        if entries.2.slot == slot { return entries.2.timestamp }
        let timestamp = read()
        let entry = Entry(slot: slot, timestamp: timestamp)
        if entries.0.slot < 0 {
            entries.0 = entry
        } else if entries.1.slot < 0 {
            entries.1 = entry
        } else if entries.2.slot < 0 {
            entries.2 = entry
        }
        return timestamp
    }
}
