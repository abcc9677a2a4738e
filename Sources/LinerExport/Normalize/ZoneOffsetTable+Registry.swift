import Foundation

extension ZoneOffsetTable {
    /// The table for `timeZone`, built on first use and then shared by every parser, formatter
    /// and clock in the process (building one costs about a millisecond).
    static func shared(for timeZone: TimeZone) -> ZoneOffsetTable {
        registry.table(for: timeZone)
    }

    private static let registry = Registry()

    /// A lock-protected map from zone identifier to table. (It predates the package's move to
    /// macOS 15; `Synchronization.Mutex` would now do as well as this `NSLock`.)
    private final class Registry: @unchecked Sendable {
        private let lock = NSLock()
        private var tables: [String: ZoneOffsetTable] = [:]

        func table(for timeZone: TimeZone) -> ZoneOffsetTable {
            lock.lock()
            defer { lock.unlock() }
            if let table = tables[timeZone.identifier] {
                return table
            }
            let table = ZoneOffsetTable(timeZone: timeZone)
            tables[timeZone.identifier] = table
            return table
        }
    }
}
