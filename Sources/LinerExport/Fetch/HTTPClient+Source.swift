import AsyncHTTPClient
import NIOCore

extension HTTPClient.Configuration {
    /// The HTTP set-up a pipeline's `source` asks for: its per-request timeout, compressed bodies
    /// within bounds, and enough connections for its `concurrency`.
    init(source: SourceSpec) {
        self.init()
        let timeout = TimeAmount.milliseconds(Int64(source.timeoutSeconds * 1000))
        self.timeout = .init(connect: .seconds(10), read: timeout)
        decompression = .enabled(limit: .ratio(100))
        // AsyncHTTPClient opens at most 8 connections per host by default: `concurrency` above 8 would queue.
        // Three more for the reference lists, asked for while the first pages are in flight.
        connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = max(8, source.concurrency + 3)
    }
}
