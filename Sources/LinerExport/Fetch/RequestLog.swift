import LinerJSON
import Logging

/// `--verbose`'s line per HTTP request: method, URL, status, body bytes, milliseconds and attempt, at
/// debug level. AsyncHTTPClient's own lines (connections, scheduling) go to `httpClientLogger`, which
/// only logs them at trace level (`--trace`).
struct RequestLog: Sendable {
    /// What came back for one attempt.
    struct Response: Sendable {
        let status: Int
        /// Body bytes, after decompression.
        let bytes: Int
    }

    let logger: Logger
    let apiKey: APIKey
    /// The run's logger raised to info, unless the run logs at trace level.
    let httpClientLogger: Logger

    init(logger: Logger, apiKey: APIKey) {
        self.logger = logger
        self.apiKey = apiKey
        var httpClientLogger = logger
        if logger.logLevel > .trace { httpClientLogger.logLevel = max(logger.logLevel, .info) }
        self.httpClientLogger = httpClientLogger
    }

    /// Logs one attempt at `GET url`, sent at `sent`; `response` is nil when none came (a transport failure).
    func record(
        url: String, attempt: Int, sent: ContinuousClock.Instant, response: Response?,
        outcome: Result<JSONValue, RequestFailure>
    ) {
        guard logger.logLevel <= .debug else { return }
        var metadata: Logger.Metadata = [
            "attempt": .stringConvertible(attempt),
            "ms": .stringConvertible(Int(((ContinuousClock.now - sent).seconds * 1000).rounded())),
        ]
        if let response {
            metadata["status"] = .stringConvertible(response.status)
            metadata["bytes"] = .stringConvertible(response.bytes)
        }
        if case .failure(let failure) = outcome { metadata["failure"] = "\(failure.kind)" }
        // The token travels in a header, never in the URL; a URL is still scrubbed like every other line.
        logger.debug("GET \(apiKey.redacting(url))", metadata: metadata)
    }
}
