/// Everything `MockLinerServer.start(_:)` needs.
public struct MockServerConfiguration: Sendable, Equatable {
    /// Address to bind; keep it on loopback.
    public var host: String = "127.0.0.1"
    /// Port to bind; 0 picks a free one (read it back from `MockLinerServer.port`).
    public var port: Int = 0
    /// The value `X-Api-Key` must carry; anything else gets 401.
    public var apiKey: String = "mock-liner-key"
    /// The leads served.
    public var dataset: MockDatasetConfiguration = MockDatasetConfiguration()
    /// The misbehaviour injected into lead-list requests.
    public var faults: MockFaults = MockFaults()
    /// Paths answered with 404 as if this account's API did not have them (without the trailing
    /// slash, e.g. `/v2/lead-status`), to exercise the exporter's fallback to the other spelling.
    public var missingPaths: Set<String> = []
    /// When set (an origin such as `http://127.0.0.1:8081`), every authorised lead-list request is
    /// answered `302 Found` with `Location` this origin plus the request's own path and query, as an
    /// account moved to another host would answer; nil serves the list.
    public var leadListRedirectOrigin: String?
    /// When true, injected server errors (`MockFaults.errorRate`) quote the request's `X-Api-Key`
    /// in their body, HTML title and JSON message alike, as a debugging proxy's error page does.
    public var errorPagesEchoAPIKey = false
    /// The account's epoch at start: 0 is the generated account; N is it moved forward N steps
    /// (`AccountEpoch`), byte-identical to a server started at 0 and advanced to N.
    public var epoch = 0

    /// Creates a configuration; every parameter has the documented default.
    public init(
        host: String = "127.0.0.1",
        port: Int = 0,
        apiKey: String = "mock-liner-key",
        dataset: MockDatasetConfiguration = MockDatasetConfiguration(),
        faults: MockFaults = MockFaults()
    ) {
        self.host = host
        self.port = port
        self.apiKey = apiKey
        self.dataset = dataset
        self.faults = faults
    }
}
