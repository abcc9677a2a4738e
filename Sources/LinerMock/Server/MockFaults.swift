/// Misbehaviour injected into lead-list requests (`GET /v2/lead/`), drawn per request from
/// `seed` and the request's sequence number, so a sequential client sees the same faults on
/// every run.
///
/// For request `n` one draw `u` in [0, 1) picks at most one fault, by cumulative ranges in
/// this order: reset, truncate, error, rate limit, success-false. Each kind therefore occurs
/// at exactly its rate (while the rates sum to at most 1). Requests rejected with 401 or 400
/// are not numbered and never faulted.
public struct MockFaults: Sendable, Equatable {
    /// How the last page of a list says there is nothing more.
    public enum LastPageNext: String, Sendable, CaseIterable {
        /// `"next": null`
        case null
        /// No `next` member at all.
        case missing
        /// `"next"` past `total`: `max(offset + limit, total + 1)`.
        case pastTotal = "past-total"
    }

    /// Share of requests answered 500, 502 or 503 (502 always and 503 half the time with
    /// nginx's HTML page as the body, 500 with a JSON envelope).
    public var errorRate: Double = 0
    /// Share of requests answered 429 with a Retry-After header and a JSON envelope.
    public var rateLimitRate: Double = 0
    /// Seconds in Retry-After. 70% of 429s send this number, 15% send "0" and 15% send an
    /// HTTP-date this many seconds ahead (rounded up to the next whole second).
    public var retryAfterSeconds: Int = 1
    /// Time from each request's arrival to its response (not only lead lists; rendering the
    /// response is part of it), in milliseconds, scheduled on the event loop (no thread sleeps).
    public var latencyMilliseconds: Int = 0
    /// Share of requests answered 200 with the full Content-Length declared but only the first
    /// half of the body sent before the connection is closed.
    public var truncateRate: Double = 0
    /// Share of requests whose connection is reset (closed with SO_LINGER 0, so an RST) without
    /// any response.
    public var resetRate: Double = 0
    /// Share of requests answered 200 with
    /// `{"success":false,"message":"Temporary failure, try again later","data":null}`.
    public var successFalseRate: Double = 0
    /// When N > 0, every N-th lead-list request inserts one new lead into the requested window,
    /// sorted before the requested offset, so later pages shift by one and the client is
    /// served a lead twice. A request that cannot take one (offset 0, or the window starts at
    /// its first lead) passes the insertion on to the next request that can. 0 disables.
    public var driftEvery: Int = 0
    /// When N > 0, every N-th lead-list request moves one base lead of the requested createdAt
    /// window (a seeded pick) to another status, as an operator working the queue would. A query
    /// filtered by `statusIds` then sees the lead leave or enter, and later offsets shift; served
    /// leads carry their current status. 0 disables.
    public var statusChurnEvery: Int = 0
    /// How the last page of lead and order lists renders `next`.
    public var lastPageNext: LastPageNext = .null
    /// When N > 0, lead-list bodies are sent one byte every N milliseconds after the head: a server that
    /// drips its answer (no read ever waits long, the response never ends). 0 sends them at once.
    public var dripMilliseconds: Int = 0
    /// When N > 0, lead lists carry a member `"padding": [0,0,…]` of N bytes at the start of `data`,
    /// streamed in pieces with its `Content-Length` (a server sending huge bodies, densest to parse).
    /// 0 adds none.
    public var paddingBytes: Int = 0
    /// Seed of the fault draws (independent of the dataset seed).
    public var seed: UInt64 = 7

    // Envelope quirks: deterministic, for the exporter's tests of a misbehaving server.

    /// The first N lead-list requests are answered 200 with
    /// `{"success":false,"message":<successFalseMessage>,"data":null}` (counted as `successFalse`
    /// faults), before any drawn fault. 0 disables.
    public var successFalseFirst: Int = 0
    /// The message of the `successFalseFirst` answers.
    public var successFalseMessage: String = "Internal error"
    /// Lead lists render `next` as a URL string (`"/v2/lead/?offset=200&limit=100"`) instead of an integer.
    public var nextAsURL: Bool = false
    /// Lead lists leave `total` out.
    public var omitsTotal: Bool = false
    /// Lead lists report this `total` (negative or absurdly large ones included) instead of the real
    /// count; paging itself still follows the real count. Ignored when `omitsTotal` is set.
    public var reportedTotal: Int? = nil
    /// When N > 0, lead lists serve up to N leads whatever `limit` asks for (a server that ignores
    /// `limit`); `next` is the offset after the leads served. 0 honours `limit`.
    public var ignoredLimit: Int = 0

    /// Creates a fault plan; every parameter defaults to "no faults".
    public init(
        errorRate: Double = 0,
        rateLimitRate: Double = 0,
        retryAfterSeconds: Int = 1,
        latencyMilliseconds: Int = 0,
        truncateRate: Double = 0,
        resetRate: Double = 0,
        successFalseRate: Double = 0,
        driftEvery: Int = 0,
        lastPageNext: LastPageNext = .null,
        seed: UInt64 = 7,
        statusChurnEvery: Int = 0,
        successFalseFirst: Int = 0,
        successFalseMessage: String = "Internal error",
        nextAsURL: Bool = false,
        omitsTotal: Bool = false,
        reportedTotal: Int? = nil,
        ignoredLimit: Int = 0,
        dripMilliseconds: Int = 0,
        paddingBytes: Int = 0
    ) {
        self.dripMilliseconds = dripMilliseconds
        self.paddingBytes = paddingBytes
        self.successFalseFirst = successFalseFirst
        self.successFalseMessage = successFalseMessage
        self.nextAsURL = nextAsURL
        self.omitsTotal = omitsTotal
        self.reportedTotal = reportedTotal
        self.ignoredLimit = ignoredLimit
        self.statusChurnEvery = statusChurnEvery
        self.errorRate = errorRate
        self.rateLimitRate = rateLimitRate
        self.retryAfterSeconds = retryAfterSeconds
        self.latencyMilliseconds = latencyMilliseconds
        self.truncateRate = truncateRate
        self.resetRate = resetRate
        self.successFalseRate = successFalseRate
        self.driftEvery = driftEvery
        self.lastPageNext = lastPageNext
        self.seed = seed
    }
}
