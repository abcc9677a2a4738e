import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// The fake Liner API over real HTTP/1.1 on a real socket.
///
/// Start one per test with port 0, read `baseURL`, and call `shutdown()` when done: the
/// server owns its event loops and they only stop there.
public final class MockLinerServer: Sendable {
    /// The configuration the server was started with.
    public let configuration: MockServerConfiguration
    /// The leads the server serves (without drift leads); use it to compute expectations.
    public let dataset: MockDataset

    private let group: MultiThreadedEventLoopGroup
    private let channel: Channel
    private let router: MockRouter
    private let isShutDown = Locked(false)

    private init(configuration: MockServerConfiguration, group: MultiThreadedEventLoopGroup, channel: Channel, router: MockRouter) {
        self.configuration = configuration
        self.dataset = router.dataset
        self.group = group
        self.channel = channel
        self.router = router
    }

    /// Binds `configuration.host:port` and starts serving.
    /// - Throws: when the address cannot be bound (the event loops are shut down again).
    public static func start(_ configuration: MockServerConfiguration) async throws -> MockLinerServer {
        let router = MockRouter(configuration: configuration)
        // Two loops are plenty on the target machines (2 cores) and keep thread count small
        // when many tests each run a server.
        let group = MultiThreadedEventLoopGroup(numberOfThreads: min(2, System.coreCount))
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.backlog, value: 256)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            // A TCP-level option: socketOption(.tcp_nodelay) would set SOL_SOCKET's option 1, SO_DEBUG,
            // which only root may set, so every connection failed for any other user.
            .childChannelOption(ChannelOptions.tcpOption(.tcp_nodelay), value: 1)
            .childChannelOption(ChannelOptions.maxMessagesPerRead, value: 16)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline(withErrorHandling: true)
                    try channel.pipeline.syncOperations.addHandler(HTTPRequestHandler(router: router))
                }
            }
        do {
            let channel = try await bootstrap.bind(host: configuration.host, port: configuration.port).get()
            return MockLinerServer(configuration: configuration, group: group, channel: channel, router: router)
        } catch {
            try? await group.shutdownGracefully()
            throw error
        }
    }

    /// The bound port (the one picked when the configuration said 0).
    public var port: Int {
        channel.localAddress?.port ?? configuration.port
    }

    /// `http://HOST:PORT`, no trailing slash; append `/v2/lead/` and friends.
    public var baseURL: String {
        let host = configuration.host.contains(":") ? "[\(configuration.host)]" : configuration.host
        return "http://\(host):\(port)"
    }

    /// A snapshot of the counters.
    public func statistics() -> MockServerStatistics {
        router.statistics.withLock { $0 }
    }

    /// Suspends until the counters satisfy `condition`, then returns them: how a test learns that a
    /// request has arrived instead of sleeping and hoping. `await server.statistics { $0.leadListRequests >= 3 }`
    /// returns once the third lead-list request has been received (before its latency starts to run,
    /// so the answer is still to come).
    ///
    /// `condition` is checked at once, then every time a counter changes, on the event loop that
    /// changed it and under the server's lock: it must not call back into the server. Acting in it is
    /// allowed and is the way to act at that exact moment, whatever the test task's scheduling (killing
    /// a client process while its request waits for an answer). Counters count from the server's start,
    /// so a request that arrived before the call counts too.
    ///
    /// Returns early, with counters that may not satisfy `condition`, when the task is cancelled or
    /// the server shuts down.
    public func statistics(where condition: @escaping @Sendable (MockServerStatistics) -> Bool) async -> MockServerStatistics {
        await router.statistics.wait(until: condition)
    }

    /// The leads drift has inserted so far, in served order (ids `leadCount + 1 + k`).
    public func driftLeads() -> [MockLead] {
        router.drift.leads.map { $0.makeLead(in: dataset) }
    }

    /// The ids of the base leads that have changed status so far (`MockFaults.statusChurnEvery`).
    public func statusChurnedLeadIDs() -> Set<Int> {
        router.churn.changedLeadIDs
    }

    /// The account's current epoch (`MockServerConfiguration.epoch` until `advance(to:)` moves it).
    public var epoch: Int {
        router.account.withLock { $0.epoch }
    }

    /// Moves the account forward to `epoch` (the same as `POST /_mock/advance?to=N`): from the next
    /// request on, the server serves the account as a server started at `epoch` would.
    /// `dataset.epochInstant(_:)` says when each epoch's "now" is.
    /// - Throws: `MockEpochError` when `epoch` is before the current one, or drift has inserted leads.
    public func advance(to epoch: Int) throws {
        _ = try router.advance(to: epoch)
    }

    /// Lead `id` exactly as `GET /v2/lead/detail/{id}/` serves it now (the current epoch's changes
    /// applied; status churn not); nil when it is archived or does not exist.
    public func lead(id: Int) -> MockLead? {
        router.currentLead(id: id)
    }

    /// The ground truth between two epochs: which leads were created, updated (and which fields)
    /// and archived, optionally only those created in a window. The same as `dataset.changes(...)`.
    public func changes(from: Int, to: Int, createdFrom: Date? = nil, createdTo: Date? = nil) -> MockAccountChanges {
        dataset.changes(from: from, to: to, createdFrom: createdFrom, createdTo: createdTo)
    }

    /// Stops listening, closes open connections and stops the event loops. Safe to call twice.
    /// - Throws: if the event loops fail to shut down.
    public func shutdown() async throws {
        let alreadyShutDown = isShutDown.withLock { isShutDown in
            defer { isShutDown = true }
            return isShutDown
        }
        if alreadyShutDown { return }
        router.statistics.close()
        try? await channel.close()
        try await group.shutdownGracefully()
    }
}
