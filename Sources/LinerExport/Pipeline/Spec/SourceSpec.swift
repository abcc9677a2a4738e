/// Where leads come from. The token itself is never in the pipeline: only the name of the
/// environment variable or the path of the file that holds it.
public struct SourceSpec: Sendable, Equatable {
    /// `https://<account host>`, without a trailing `/`; the API paths (`/v2/lead/`) are appended to it.
    public var baseURL: String
    /// Environment variable holding the API token. Default `LINER_API_KEY`.
    public var apiKeyEnv: String
    /// File holding the API token (e.g. a mounted Kubernetes Secret); read instead of `apiKeyEnv` when set.
    /// Default nil.
    public var apiKeyFile: String?
    /// Leads per request, 1...100. Default 100 (the API's maximum).
    public var pageSize: Int
    /// Per-request timeout, more than 0 and at most 600 s. Default 15 s, as in Liner's own samples.
    public var timeoutSeconds: Double
    /// Attempts per request before the run fails (transient errors only), 1...20. Default 5.
    public var maxAttempts: Int
    /// Backoff ceiling before the second attempt, doubled each time, full jitter; 0.001...60 s. Default 0.5 s.
    public var retryBaseDelaySeconds: Double
    /// Longest backoff and longest `Retry-After` honoured, 0.001...3600 s. Default 30 s.
    public var retryMaxDelaySeconds: Double
    /// Proactive pace of all requests of the run together (token bucket), 0...10,000; 0 is no limit. Default 10.
    public var requestsPerSecond: Double
    /// Pages fetched at the same time once the first page told `total`, 1...16. Default 4.
    public var concurrency: Int
    /// The whole run must finish within this many seconds (at most 7 days), or it fails publishing nothing.
    /// Default 4 h.
    public var deadlineSeconds: Double
    /// Whether `baseURL` may be `http://` to a host that is not loopback (the token and the leads then
    /// cross the network in clear text). Default false; checked when a pipeline file is read.
    public var allowsInsecureHTTP: Bool

    /// A source built in code, with the pipeline file's defaults.
    ///
    /// A value built in code is trusted: unlike a decoded file, nothing here checks that `baseURL` is
    /// an http(s) URL (nor strips its trailing `/`) or that the numbers are within their ranges.
    public init(
        baseURL: String,
        apiKeyEnv: String = "LINER_API_KEY",
        apiKeyFile: String? = nil,
        pageSize: Int = 100,
        timeoutSeconds: Double = 15,
        maxAttempts: Int = 5,
        retryBaseDelaySeconds: Double = 0.5,
        retryMaxDelaySeconds: Double = 30,
        requestsPerSecond: Double = 10,
        concurrency: Int = 4,
        deadlineSeconds: Double = 4 * 3600,
        allowsInsecureHTTP: Bool = false
    ) {
        self.allowsInsecureHTTP = allowsInsecureHTTP
        self.baseURL = baseURL
        self.apiKeyEnv = apiKeyEnv
        self.apiKeyFile = apiKeyFile
        self.pageSize = pageSize
        self.timeoutSeconds = timeoutSeconds
        self.maxAttempts = maxAttempts
        self.retryBaseDelaySeconds = retryBaseDelaySeconds
        self.retryMaxDelaySeconds = retryMaxDelaySeconds
        self.requestsPerSecond = requestsPerSecond
        self.concurrency = concurrency
        self.deadlineSeconds = deadlineSeconds
    }
}
