import AsyncHTTPClient
import Foundation
import LinerJSON
import Logging
import NIOCore
import NIOHTTP1

/// Talks to one Liner account: sends authenticated GETs, unwraps the `{success, message, data}`
/// envelope and retries what is worth retrying. What a server sends back may quote the token (an error
/// page echoing the request's headers): every failure message and log line passes `APIKey.redacting(_:)`.
///
/// Never retried: 400 (the request is wrong), 401/403 (the token is wrong), other 4xx, and any 3xx: no
/// redirect is followed, not even to the same host, so the `X-Api-Key` header never goes anywhere but
/// `baseURL` (the HTTP client is set up not to follow them either); a body over `maxResponseBytes`; a
/// TLS handshake that fails (a certificate that does not verify will not verify a second later).
/// Each attempt, head and body, must end within `timeoutSeconds` (`LinerClient+Attempt`).
/// Retried with backoff: connection failures and timeouts, 429 (after `Retry-After`), 5xx, bodies that
/// are cut short or not JSON, and `success: false` unless its message says the request is wrong
/// (`RequestFailure.finalMessagePatterns`).
public struct LinerClient: Sendable {
    let httpClient: HTTPClient
    let baseURL: String
    let apiKey: APIKey
    let timeoutSeconds: Double
    let retry: RetryPolicy
    let counters: FetchCounters
    let logger: Logger
    /// `--verbose`'s line per request, and the logger AsyncHTTPClient gets.
    let requestLog: RequestLog
    /// Paces every request of the run; shared by all copies of this client.
    let rateLimiter: RateLimiter
    /// No request starts and no retry waits past this instant; nil for no deadline.
    let deadline: ContinuousClock.Instant?

    /// The largest response body accepted (`ResponseBudget`): a larger one fails the run, unretried.
    let maxResponseBytes: Int
    /// Which retries are worth a warning line.
    let retryWarnings = RetryWarnings()

    public init(
        httpClient: HTTPClient, baseURL: String, apiKey: APIKey, timeoutSeconds: Double, retry: RetryPolicy,
        counters: FetchCounters, logger: Logger, rateLimiter: RateLimiter = RateLimiter(requestsPerSecond: 0),
        deadline: ContinuousClock.Instant? = nil, maxResponseBytes: Int = ResponseBudget.maxResponseBytes(concurrency: 1)
    ) {
        self.maxResponseBytes = maxResponseBytes
        self.rateLimiter = rateLimiter
        self.deadline = deadline
        self.httpClient = httpClient
        self.baseURL = baseURL
        self.apiKey = apiKey
        self.timeoutSeconds = timeoutSeconds
        self.retry = retry
        self.counters = counters
        self.logger = logger
        requestLog = RequestLog(logger: logger, apiKey: apiKey)
    }

    /// GETs `path` and returns the envelope's `data`.
    /// - Throws: `ExportError` once retries are exhausted or the failure is not worth retrying.
    public func get(_ path: String, query: [(String, String)] = []) async throws -> JSONValue {
        // Only a 404 answers nil, and only when it is allowed.
        try await get(path, query: query, notFoundIsNil: false)!
    }

    /// GETs `path` and returns the envelope's `data`, or nil when the server answers 404 (a lead's
    /// detail once the lead is archived).
    func getUnlessNotFound(_ path: String) async throws -> JSONValue? {
        try await get(path, query: [], notFoundIsNil: true)
    }

    private func get(_ path: String, query: [(String, String)], notFoundIsNil: Bool) async throws -> JSONValue? {
        let url = baseURL + path + (query.isEmpty ? "" : "?" + query.map { "\($0.0)=\($0.1)" }.joined(separator: "&"))
        var attempt = 1
        while true {
            try Task.checkCancellation()
            try await rateLimiter.acquire()
            try checkDeadline(path: path, waitingSeconds: 0)
            let sent = ContinuousClock.now
            let (outcome, response) = await attemptOnce(url: url, timeoutSeconds: attemptSeconds())
            requestLog.record(url: url, attempt: attempt, sent: sent, response: response, outcome: outcome)
            counters.recordRequest()
            // A page nobody will read any more (the run stopped, or a first-wave page past the
            // range) was cancelled: its transport error is no failure of the API to retry or report.
            try Task.checkCancellation()
            switch outcome {
            case .success(let data):
                rateLimiter.recordSuccess()
                return data
            case .failure(.status(404, _, _)) where notFoundIsNil:
                rateLimiter.recordSuccess()
                return nil
            case .failure(let failure):
                if failure.isRateLimit {
                    rateLimiter.recordRateLimited(retryAfterSeconds: failure.retryAfterSeconds.map { min($0, retry.maxDelaySeconds) })
                }
                guard failure.isTransient, attempt < retry.maxAttempts else {
                    throw apiKey.redacting(failure.error(url: url, attempts: attempt))
                }
                let delay = retry.delay(afterAttempt: attempt, retryAfterSeconds: failure.retryAfterSeconds)
                try checkDeadline(path: path, waitingSeconds: delay)
                counters.recordRetry(failure.kind)
                let reason = apiKey.redacting(failure.summary)
                let (level, quieted) = retryWarnings.level(for: reason)
                var metadata: Logger.Metadata = [
                    "url": "\(url)", "attempt": .stringConvertible(attempt), "reason": "\(reason)",
                    "retryInSeconds": .stringConvertible((delay * 100).rounded() / 100),
                ]
                if quieted > 0 { metadata["moreRetriesForThisReason"] = .stringConvertible(quieted) }
                logger.log(level: level, "request failed, retrying", metadata: metadata)
                try await Task.sleep(nanoseconds: UInt64(delay * 1_000_000_000))
                attempt += 1
            }
        }
    }

    /// `timeoutSeconds`, or less when the run's deadline comes sooner.
    private func attemptSeconds() -> Double {
        guard let deadline else { return timeoutSeconds }
        return max(0.001, min(timeoutSeconds, ContinuousClock.now.duration(to: deadline).seconds))
    }

    /// - Throws: `ExportError.deadlineExceeded` when waiting `waitingSeconds` more would pass the deadline.
    private func checkDeadline(path: String, waitingSeconds: Double) throws {
        guard let deadline, ContinuousClock.now + .seconds(waitingSeconds) >= deadline else { return }
        throw ExportError.deadlineExceeded(
            "the run reached its deadline (source.deadlineSeconds) while requesting \(path); nothing was published")
    }
}
