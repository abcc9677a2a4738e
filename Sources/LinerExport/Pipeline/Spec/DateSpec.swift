import Foundation

/// Date normalization (`createdAt`, `updatedAt`, `planningCallDateTime`).
public struct DateSpec: Sendable, Equatable {
    /// Zone the output is written in; nil: the window's zone. Default nil.
    public var timeZone: TimeZone?
    /// Zone in which the API's dates without an offset are read. Default `Europe/Moscow`.
    public var sourceTimeZone: TimeZone

    /// Date normalization built in code, with the pipeline file's defaults.
    public init(timeZone: TimeZone? = nil, sourceTimeZone: TimeZone = TimeZone(identifier: "Europe/Moscow")!) {
        self.timeZone = timeZone
        self.sourceTimeZone = sourceTimeZone
    }
}
