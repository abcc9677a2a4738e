import AsyncHTTPClient
import NIOCore

extension HTTPClient.Configuration {
    /// The HTTP set-up a pipeline's `source` asks for: its per-request timeout, compressed bodies
    /// within bounds, enough connections for its `concurrency`, and no redirects followed.
    init(source: SourceSpec) {
        self.init()
        let timeout = TimeAmount.milliseconds(Int64(source.timeoutSeconds * 1000))
        self.timeout = .init(connect: .seconds(10), read: timeout)
        // A refused or unresolvable connection fails its requests at once, for LinerClient to retry with its
        // own (logged) backoff: AsyncHTTPClient would otherwise retry it silently until the connect timeout.
        connectionPool.retryConnectionEstablishment = false
        decompression = .enabled(limit: .ratio(100))
        // AsyncHTTPClient would follow redirects to any host and strip only Authorization and Cookie on the
        // way, not X-Api-Key: a 3xx comes back to LinerClient, which fails the run with both URLs instead.
        redirectConfiguration = .disallow
        // AsyncHTTPClient opens at most 8 connections per host by default: `concurrency` above 8 would queue.
        // Three more for the reference lists, asked for while the first pages are in flight.
        connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = max(8, source.concurrency + 3)
    }
}
