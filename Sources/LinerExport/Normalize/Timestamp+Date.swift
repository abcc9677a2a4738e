import Foundation

extension Timestamp {
    /// The instant of a `Date`, to the millisecond.
    init(date: Date) {
        self.init(millisecondsSinceEpoch: Int64((date.timeIntervalSince1970 * 1000).rounded(.down)))
    }
}
