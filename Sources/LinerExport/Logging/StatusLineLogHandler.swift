import Logging

/// Passes every log event to another handler with a `StatusLine` cleared around it, so a log line
/// written while a progress bar is shown lands above the bar, not on it.
public struct StatusLineLogHandler: LogHandler {
    public var wrapped: any LogHandler
    public let statusLine: StatusLine

    public init(_ wrapped: any LogHandler, statusLine: StatusLine) {
        self.wrapped = wrapped
        self.statusLine = statusLine
    }

    public var logLevel: Logger.Level {
        get { wrapped.logLevel }
        set { wrapped.logLevel = newValue }
    }

    public var metadata: Logger.Metadata {
        get { wrapped.metadata }
        set { wrapped.metadata = newValue }
    }

    public var metadataProvider: Logger.MetadataProvider? {
        get { wrapped.metadataProvider }
        set { wrapped.metadataProvider = newValue }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { wrapped[metadataKey: key] }
        set { wrapped[metadataKey: key] = newValue }
    }

    public func log(event: LogEvent) {
        statusLine.printAbove { wrapped.log(event: event) }
    }
}
