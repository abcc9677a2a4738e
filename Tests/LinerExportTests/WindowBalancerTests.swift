import Foundation
import InMemoryLogging
import LinerMock
import Logging
import Testing
@testable import LinerExport

/// `chunk: auto` on a fake account whose leads come in bursts: windows balanced by the server's
/// counts, within a bounded number of probes, stopped by cancellation and by the run's deadline.
struct WindowBalancerTests {
    /// 20,000 leads from 2024-01-01 (UTC) over 20,000 minutes, 90 % of them in 4 bursts of `burstSeconds`.
    static func skewed(leads: Int = 20_000, burstSeconds: Int = 1_800) -> MockServerConfiguration {
        var configuration = MockServerConfiguration()
        configuration.dataset.leadCount = leads
        configuration.dataset.bursts = LeadBursts(count: 4, durationSeconds: burstSeconds, perMille: 900)
        return configuration
    }

    /// January 2024 (UTC): the whole account, then two quiet weeks.
    static let january = utcWindow(from: "2024-01-01T00:00:00Z", to: "2024-02-01T00:00:00Z")

    static func resolved(_ window: WindowSpec) throws -> ResolvedWindow {
        try ResolvedWindow(window, now: Date())
    }

    static func client(
        _ server: MockLinerServer, counters: FetchCounters = FetchCounters(), deadline: ContinuousClock.Instant? = nil
    ) -> LinerClient {
        LinerClient(
            httpClient: .shared, baseURL: server.baseURL, apiKey: APIKey(server.configuration.apiKey), timeoutSeconds: 10,
            retry: RetryPolicy(maxAttempts: 3, baseDelaySeconds: 0.01), counters: counters, logger: quietLogger, deadline: deadline)
    }

    static func balancer(_ client: LinerClient, concurrency: Int = 4, logger: Logger = quietLogger, probeLimit: Int? = nil) -> WindowBalancer {
        WindowBalancer(client: client, orderIds: [], statusIds: [], concurrency: concurrency, logger: logger, probeLimit: probeLimit)
    }

    /// The leads the account holds in `[from, to)`, by a scan of the dataset.
    static func leads(in dataset: MockDataset, from: Timestamp, to: Timestamp) -> [Int] {
        dataset.expectedLeadIDs(
            createdFrom: Date(timeIntervalSince1970: Double(from.millisecondsSinceEpoch) / 1000),
            createdTo: Date(timeIntervalSince1970: Double(to.millisecondsSinceEpoch - 1000) / 1000))
    }

    @Test func aSkewedRangeIsPlannedIntoWindowsOfAboutTheSameCount() async throws {
        try await withMockServer(Self.skewed()) { server in
            let counters = FetchCounters()
            let spec = makeTestPipeline(server: server, folder: "/nonexistent") {
                $0.window = Self.january
                $0.window.leadsPerWindow = 1_000
            }
            let planner = RunPlanner(spec: spec, client: Self.client(server, counters: counters), logger: quietLogger)
            let planned = try await planner.windows(Self.resolved(Self.january))
            let windows = planned.windows
            #expect(windows.count == 20, "20,000 leads, at most about 1,000 a window")
            #expect(windows.first?.from == Timestamp(millisecondsSinceEpoch: 1_704_067_200_000))
            #expect(windows.last?.to == Timestamp(millisecondsSinceEpoch: 1_706_745_600_000))
            #expect(zip(windows, windows.dropFirst()).allSatisfy { $0.to == $1.from && $0.toMilliseconds % 1000 == 0 })
            for (window, leads) in zip(windows, planned.leads) {
                let actual = Self.leads(in: server.dataset, from: window.from, to: window.to).count
                #expect(leads == actual, "the plan's count is the account's")
                #expect((800...1_200).contains(actual), "\(window.from) to \(window.to): \(actual) leads")
            }
            // The equal spans of time `auto` cut before would have held 0 to 4,722 leads.
            #expect(planned.probes > 0 && planned.probes <= WindowBalancer.maxProbes(cuts: 19))
            #expect(counters.requests == 1 + planned.probes, "one request for total, then the probes")
            #expect(server.statistics().leadListRequests == 1 + planned.probes)
        }
    }

    @Test func planningSendsNoMoreProbesThanItsLimitAndKeepsTheNearestCuts() async throws {
        try await withMockServer(Self.skewed()) { server in
            let logs = InMemoryLogHandler()
            let balancer = Self.balancer(Self.client(server), logger: Logger(label: "test") { _ in logs }, probeLimit: 7)
            let from = Timestamp(millisecondsSinceEpoch: 1_704_067_200_000)
            let to = Timestamp(millisecondsSinceEpoch: 1_706_745_600_000)
            let balance = try await balancer.balance(from: from, to: to, total: 20_000, leadsPerWindow: 1_000)
            #expect(balance.probes == 7)
            #expect(server.statistics().leadListRequests == 7)
            #expect(!balance.cuts.isEmpty && balance.cuts == balance.cuts.sorted())
            #expect(balance.cuts.allSatisfy { from < $0 && $0 < to && balance.leadsBefore[$0.millisecondsSinceEpoch] != nil }, "cut where counted")
            #expect(logs.entries.contains { $0.level == .warning && "\($0.message)".contains("reached its probe limit") })
        }
    }

    @Test func cancellingThePlanStopsItsProbes() async throws {
        var configuration = Self.skewed()
        configuration.faults.latencyMilliseconds = 100
        try await withMockServer(configuration) { server in
            let balancer = Self.balancer(Self.client(server), concurrency: 2)
            let plan = Task {
                try await balancer.balance(
                    from: Timestamp(millisecondsSinceEpoch: 1_704_067_200_000), to: Timestamp(millisecondsSinceEpoch: 1_706_745_600_000),
                    total: 20_000, leadsPerWindow: 1_000)
            }
            // Cancelled the moment the server has the third probe, its answer 100 ms away.
            let received = await server.statistics { statistics in
                guard statistics.leadListRequests >= 3 else { return false }
                plan.cancel()
                return true
            }
            try #require(received.leadListRequests >= 3)
            await #expect(throws: CancellationError.self) { try await plan.value }
            #expect(server.statistics().leadListRequests <= 4, "only the probe in flight beside the third went out")
        }
    }

    @Test func planningStopsAtTheRunsDeadline() async throws {
        var configuration = Self.skewed()
        configuration.faults.latencyMilliseconds = 200
        try await withMockServer(configuration) { server in
            // A plan of 20 windows takes dozens of probes: far more than 0.5 s of them one at a time.
            let balancer = Self.balancer(Self.client(server, deadline: .now + .milliseconds(500)), concurrency: 1)
            let error = await #expect(throws: ExportError.self) {
                try await balancer.balance(
                    from: Timestamp(millisecondsSinceEpoch: 1_704_067_200_000), to: Timestamp(millisecondsSinceEpoch: 1_706_745_600_000),
                    total: 20_000, leadsPerWindow: 1_000)
            }
            #expect(error?.kind == "deadline_exceeded", "\(String(describing: error))")
            #expect(server.statistics().leadListRequests <= 4)
        }
    }

    @Test func aSecondHoldingMoreThanTheTargetBecomesAWindowOfItsOwn() async throws {
        // 5,000 leads, 90 % of them in 3 bursts of no length: about 1,500 leads in each of 3 seconds.
        var configuration = MockServerConfiguration()
        configuration.dataset.leadCount = 5_000
        configuration.dataset.bursts = LeadBursts(count: 3, durationSeconds: 0, perMille: 900)
        try await withMockServer(configuration) { server in
            let logs = InMemoryLogHandler()
            let balancer = Self.balancer(Self.client(server), logger: Logger(label: "test") { _ in logs })
            let from = Timestamp(millisecondsSinceEpoch: 1_704_067_200_000)
            let to = Timestamp(millisecondsSinceEpoch: 1_704_067_200_000 + 5_000 * 60_000)
            let balance = try await balancer.balance(from: from, to: to, total: 5_000, leadsPerWindow: 1_000)
            let bounds = [from] + balance.cuts + [to]
            let windows = zip(bounds, bounds.dropFirst()).map { (from: $0, to: $1, leads: Self.leads(in: server.dataset, from: $0, to: $1).count) }
            #expect(windows.map(\.leads).reduce(0, +) == 5_000)
            let heavy = windows.filter { $0.leads > 1_200 }
            #expect(heavy.count == 3 && heavy.allSatisfy { $0.leads >= 1_499 }, "\(windows)")
            #expect(heavy.allSatisfy { $0.to.millisecondsSinceEpoch - $0.from.millisecondsSinceEpoch == 1000 }, "\(windows)")
            #expect(balance.probes <= WindowBalancer.maxProbes(cuts: 4))
            let warnings = logs.entries.filter { $0.level == .warning && "\($0.message)".hasPrefix("one second holds more leads") }
            #expect(warnings.count == 3)
        }
    }
}
