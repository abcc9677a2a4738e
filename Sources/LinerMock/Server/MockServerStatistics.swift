/// A kind of fault the server injects into lead-list requests.
public enum MockFaultKind: String, Sendable, CaseIterable, Hashable {
    /// 500, 502 or 503.
    case serverError = "server-error"
    /// 429 with Retry-After.
    case rateLimit = "rate-limit"
    /// 200 with half the declared body, then close.
    case truncatedBody = "truncated-body"
    /// Connection reset without a response.
    case connectionReset = "connection-reset"
    /// 200 with `"success": false`.
    case successFalse = "success-false"
}

/// Counters of what a `MockLinerServer` has done so far.
public struct MockServerStatistics: Sendable, Equatable {
    /// Every complete HTTP request received (any path, any outcome, faults included).
    public var requestsServed = 0
    /// Authorised, well-formed `GET /v2/lead/` requests: the ones numbered for faults and drift.
    public var leadListRequests = 0
    /// Requests that carried a non-empty `X-Api-Key` header, right or wrong: where a token went.
    public var requestsWithAPIKey = 0
    /// Requests answered 401.
    public var unauthorizedRequests = 0
    /// Requests answered 400.
    public var badRequests = 0
    /// Faults injected, by kind (kinds never injected are absent).
    public var faultsInjected: [MockFaultKind: Int] = [:]
    /// Leads inserted by drift so far.
    public var driftLeadsInserted = 0
    /// Leads rendered into successful (200, success true) list pages, truncated ones included.
    public var leadsServed = 0
    /// Authorised `GET /v2/lead/detail/{id}/` requests, archived leads' 404s included.
    public var leadDetailRequests = 0

    /// Lead-list requests received and not yet answered (their latency not yet over).
    public var leadListRequestsInFlight = 0
    /// The most lead-list requests ever in flight at once: what a client's `concurrency` must bound.
    public var peakLeadListRequestsInFlight = 0

    /// Creates zeroed counters.
    public init() {}

    /// Faults of `kind` injected so far.
    public func faults(_ kind: MockFaultKind) -> Int {
        faultsInjected[kind] ?? 0
    }
}
