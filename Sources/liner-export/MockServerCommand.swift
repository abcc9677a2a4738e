#if FakeServer
import ArgumentParser
import Foundation
import LinerDemo
import LinerMock

/// `liner-export mock-server`: runs the fake Liner API in the foreground until SIGINT/SIGTERM,
/// for trying the exporter (or curl) against misbehaviour on demand.
struct MockServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mock-server",
        abstract: "Serve the fake Liner API (synthetic leads, optional faults) until interrupted.",
        discussion: """
            Prints "listening on http://HOST:PORT" and "api key: KEY", then serves until SIGINT or SIGTERM.
            Rates are probabilities per lead-list request, drawn from --fault-seed.

            Example:
              liner-export mock-server --port 0 --leads 100000 --error-rate 0.05 --drift-every 10
              liner-export mock-server --leads 20000 --bursts 4 --burst-seconds 1800   # 90 % of the leads in 4 bursts

            Time: the account starts at --epoch (0: as generated). Epoch N is N steps
            of --epoch-step-seconds after --epoch-zero-at (default: two days after the
            last lead). Per step ~1 % of the leads change status, comment or a custom
            field (updatedAt moves to the step), ~0.3 % are archived (gone from lists,
            404 on detail) and leads/200 new leads appear, created in the three days
            before (later steps change ~25 % and archive ~3 % of those a step).
            Move time forward on a running server:
              curl -X POST -H 'X-Api-Key: KEY' 'http://HOST:PORT/_mock/advance?to=N'
            """)

    /// `--last-page-next` values.
    enum LastPageNextOption: String, ExpressibleByArgument, CaseIterable {
        case null
        case missing
        case pastTotal = "past-total"

        var value: MockFaults.LastPageNext {
            switch self {
            case .null: return .null
            case .missing: return .missing
            case .pastTotal: return .pastTotal
            }
        }
    }

    @Option(help: "Address to bind.")
    var host = "127.0.0.1"

    @Option(help: "Port to bind; 0 picks a free one.")
    var port = 8080

    @Option(help: "The X-Api-Key value clients must send.")
    var apiKey = "mock-liner-key"

    @Option(help: "Number of synthetic leads.")
    var leads = 1_000

    @Option(help: "Seed of the synthetic leads.")
    var seed: UInt64 = 1

    @Option(help: "Creation time of the first lead (ISO 8601, e.g. 2024-01-01T00:00:00Z).")
    var firstCreatedAt = "2024-01-01T00:00:00Z"

    @Option(help: "Seconds between consecutive leads' creation times (keep it a multiple of 60).")
    var spacingSeconds = 60

    @Option(help: "Create most leads in this many bursts spread over the same span (0: evenly spaced).")
    var bursts = 0

    @Option(help: "Length of each burst in seconds (with --bursts).")
    var burstSeconds = 3_600

    @Option(help: "Share of the leads created inside the bursts (with --bursts).")
    var burstShare = 0.9

    @Option(help: "The account's epoch at start: 0 is the account as generated, N is it moved forward N steps.")
    var epoch = 0

    @Option(help: "The account's \"now\" at epoch 0 (ISO 8601; default: two days after the last lead's creation).")
    var epochZeroAt: String?

    @Option(help: "Seconds from one epoch to the next (at least 60).")
    var epochStepSeconds = 86_400

    @Option(help: "Share of lead-list requests answered 500/502/503.")
    var errorRate = 0.0

    @Option(help: "Share of lead-list requests answered 429.")
    var rateLimitRate = 0.0

    @Option(help: "Seconds sent in Retry-After.")
    var retryAfter = 1

    @Option(name: .customLong("latency-ms"), help: "Milliseconds from each request to its response (rendering included).")
    var latencyMilliseconds = 0

    @Option(help: "Share of lead-list requests whose body stops half-way.")
    var truncateRate = 0.0

    @Option(help: "Share of lead-list requests whose connection is reset without a response.")
    var resetRate = 0.0

    @Option(help: "Share of lead-list requests answered 200 with \"success\": false.")
    var successFalseRate = 0.0

    @Option(help: "Every N-th lead-list request inserts a lead before the requested offset (0: never).")
    var driftEvery = 0

    @Option(help: "Every N-th lead-list request moves one lead of the window to another status (0: off).")
    var statusChurnEvery = 0

    @Option(help: "How the last page says there is no more: null, missing or past-total.")
    var lastPageNext = LastPageNextOption.null

    @Option(help: "Seed of the fault draws.")
    var faultSeed: UInt64 = 7

    @Option(name: .customLong("drip-ms"), help: "Send lead-list bodies one byte every N milliseconds (0: at once).")
    var dripMilliseconds = 0

    @Option(help: "Pad every lead list with N bytes of \"padding\": [0,0,…] (0: none).")
    var paddingBytes = 0

    @Option(help: "Report this total in lead lists instead of the real count (a misbehaving server).")
    var reportedTotal: Int?

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be 0...65535") }
        guard leads >= 0 else { throw ValidationError("--leads must not be negative") }
        guard spacingSeconds >= 0 else { throw ValidationError("--spacing-seconds must not be negative") }
        guard Self.parseDate(firstCreatedAt) != nil else {
            throw ValidationError("--first-created-at: expected an ISO 8601 date-time such as 2024-01-01T00:00:00Z, got \"\(firstCreatedAt)\"")
        }
        guard epoch >= 0 else { throw ValidationError("--epoch must not be negative") }
        guard epochStepSeconds >= 60 else { throw ValidationError("--epoch-step-seconds must be at least 60") }
        if let epochZeroAt, Self.parseDate(epochZeroAt) == nil {
            throw ValidationError("--epoch-zero-at: expected an ISO 8601 date-time such as 2024-01-04T00:00:00Z, got \"\(epochZeroAt)\"")
        }
        for (name, rate) in [
            ("--error-rate", errorRate), ("--rate-limit-rate", rateLimitRate), ("--truncate-rate", truncateRate),
            ("--reset-rate", resetRate), ("--success-false-rate", successFalseRate), ("--burst-share", burstShare),
        ] where !(0...1).contains(rate) {
            throw ValidationError("\(name) must be between 0 and 1, got \(rate)")
        }
        guard bursts >= 0, burstSeconds >= 0 else { throw ValidationError("--bursts and --burst-seconds must not be negative") }
        guard retryAfter >= 0, latencyMilliseconds >= 0, driftEvery >= 0, statusChurnEvery >= 0,
            dripMilliseconds >= 0, paddingBytes >= 0
        else {
            throw ValidationError(
                "--retry-after, --latency-ms, --drift-every, --status-churn-every, --drip-ms and --padding-bytes must not be negative")
        }
    }

    func run() async throws {
        let apiKey = apiKey
        try await MockServerRun.serveUntilSignalled(makeConfiguration()) { server in
            Self.writeLine("listening on \(server.baseURL)")
            Self.writeLine("api key: \(apiKey)")
        }
    }

    private func makeConfiguration() -> MockServerConfiguration {
        var configuration = MockServerConfiguration()
        configuration.host = host
        configuration.port = port
        configuration.apiKey = apiKey
        configuration.dataset.leadCount = leads
        configuration.dataset.seed = seed
        configuration.dataset.firstCreatedAt = Self.parseDate(firstCreatedAt) ?? configuration.dataset.firstCreatedAt
        configuration.dataset.spacingSeconds = spacingSeconds
        configuration.dataset.epochZeroAt = epochZeroAt.flatMap(Self.parseDate)
        configuration.dataset.epochStepSeconds = epochStepSeconds
        configuration.epoch = epoch
        if bursts > 0 {
            configuration.dataset.bursts = LeadBursts(
                count: bursts, durationSeconds: burstSeconds, perMille: Int((burstShare * 1000).rounded()))
        }
        configuration.faults = MockFaults(
            errorRate: errorRate, rateLimitRate: rateLimitRate, retryAfterSeconds: retryAfter,
            latencyMilliseconds: latencyMilliseconds, truncateRate: truncateRate, resetRate: resetRate,
            successFalseRate: successFalseRate, driftEvery: driftEvery, lastPageNext: lastPageNext.value, seed: faultSeed,
            statusChurnEvery: statusChurnEvery, reportedTotal: reportedTotal, dripMilliseconds: dripMilliseconds,
            paddingBytes: paddingBytes)
        return configuration
    }

    private static func parseDate(_ text: String) -> Date? {
        let plain = ISO8601DateFormatter()
        if let date = plain.date(from: text) { return date }
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return fractional.date(from: text)
    }

    /// Writes straight to the stdout file descriptor: unbuffered, so a parent process reading a
    /// pipe sees the line at once (print's buffer would hold it).
    private static func writeLine(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }
}
#endif
