import AsyncHTTPClient
import Logging

extension LinerClient {
    /// A client set up as a pipeline's `source` asks: its base URL, per-request timeout and retry policy.
    /// The run passes its shared rate limiter and deadline; a one-off look (preview, dry run) may not.
    init(
        source: SourceSpec, httpClient: HTTPClient, apiKey: APIKey, counters: FetchCounters, logger: Logger,
        rateLimiter: RateLimiter = RateLimiter(requestsPerSecond: 0), deadline: ContinuousClock.Instant? = nil
    ) {
        self.init(
            httpClient: httpClient, baseURL: source.baseURL, apiKey: apiKey, timeoutSeconds: source.timeoutSeconds,
            retry: RetryPolicy(
                maxAttempts: source.maxAttempts, baseDelaySeconds: source.retryBaseDelaySeconds,
                maxDelaySeconds: source.retryMaxDelaySeconds),
            counters: counters, logger: logger, rateLimiter: rateLimiter, deadline: deadline,
            maxResponseBytes: ResponseBudget.maxResponseBytes(concurrency: source.concurrency))
    }
}
