import Foundation

/// Where leads come from. The token itself is never in the pipeline file: only the name of the
/// environment variable or the path of the file that holds it.
public struct SourceSpec: Sendable, Decodable {
    /// `https://<account host>`; the API paths (`/v2/lead/`) are appended to it.
    public var baseURL: String
    /// Environment variable holding the API token. Default `LINER_API_KEY`.
    public var apiKeyEnv: String
    /// File holding the API token (e.g. a mounted Kubernetes Secret); read instead of `apiKeyEnv` when set.
    public var apiKeyFile: String?
    /// Leads per request, 1...100. Default 100 (the API's maximum).
    public var pageSize: Int
    /// Per-request timeout. Default 15 s, as in Liner's own samples.
    public var timeoutSeconds: Double
    /// Attempts per request before the run fails (transient errors only). Default 5.
    public var maxAttempts: Int
    /// Backoff ceiling before the second attempt, doubled each time, full jitter. Default 0.5 s.
    public var retryBaseDelaySeconds: Double
    /// Longest backoff and longest `Retry-After` honoured. Default 30 s.
    public var retryMaxDelaySeconds: Double
    /// Proactive pace of all requests of the run together (token bucket); 0 is no limit. Default 10.
    public var requestsPerSecond: Double
    /// Pages fetched at the same time once the first page told `total`. Default 4.
    public var concurrency: Int
    /// The whole run must finish within this many seconds, or it fails publishing nothing. Default 4 h.
    public var deadlineSeconds: Double

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case baseURL, apiKeyEnv, apiKeyFile, pageSize, timeoutSeconds, maxAttempts
        case retryBaseDelaySeconds, retryMaxDelaySeconds, requestsPerSecond, concurrency, deadlineSeconds
    }

    public init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self, hint: Self.tokenHint)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        baseURL = try container.decode(String.self, forKey: .baseURL)
        guard let url = URL(string: baseURL), let scheme = url.scheme, ["http", "https"].contains(scheme),
              url.host != nil
        else {
            throw DecodingError.dataCorruptedError(
                forKey: .baseURL, in: container,
                debugDescription: "expected an http(s) URL like \"https://example.liner.host\", got \"\(baseURL)\"")
        }
        while baseURL.hasSuffix("/") { baseURL.removeLast() }
        apiKeyEnv = try container.decodeIfPresent(String.self, forKey: .apiKeyEnv) ?? "LINER_API_KEY"
        apiKeyFile = try container.decodeIfPresent(String.self, forKey: .apiKeyFile)
        pageSize = try container.decodeIfPresent(Int.self, forKey: .pageSize) ?? 100
        guard (1...100).contains(pageSize) else {
            throw DecodingError.dataCorruptedError(
                forKey: .pageSize, in: container, debugDescription: "expected 1 to 100, got \(pageSize)")
        }
        timeoutSeconds = try container.decodeIfPresent(Double.self, forKey: .timeoutSeconds) ?? 15
        guard timeoutSeconds > 0, timeoutSeconds <= 600 else {
            throw DecodingError.dataCorruptedError(
                forKey: .timeoutSeconds, in: container,
                debugDescription: "expected more than 0 and at most 600, got \(timeoutSeconds)")
        }
        maxAttempts = try container.decodeIfPresent(Int.self, forKey: .maxAttempts) ?? 5
        guard (1...20).contains(maxAttempts) else {
            throw DecodingError.dataCorruptedError(
                forKey: .maxAttempts, in: container, debugDescription: "expected 1 to 20, got \(maxAttempts)")
        }
        retryBaseDelaySeconds = try container.decodeNumber(.retryBaseDelaySeconds, default: 0.5, in: 0.001...60)
        retryMaxDelaySeconds = try container.decodeNumber(.retryMaxDelaySeconds, default: 30, in: 0.001...3600)
        requestsPerSecond = try container.decodeNumber(.requestsPerSecond, default: 10, in: 0...10_000)
        concurrency = try container.decodeIfPresent(Int.self, forKey: .concurrency) ?? 4
        guard (1...16).contains(concurrency) else {
            throw DecodingError.dataCorruptedError(
                forKey: .concurrency, in: container, debugDescription: "expected 1 to 16, got \(concurrency)")
        }
        deadlineSeconds = try container.decodeNumber(.deadlineSeconds, default: 4 * 3600, in: 1...(7 * 86_400))
    }

    /// Said when someone tries to put the token itself into the file.
    private static func tokenHint(_ key: String) -> String? {
        let lowered = key.lowercased()
        guard lowered.contains("key") || lowered.contains("token") || lowered.contains("secret") else { return nil }
        return "the token never goes in the pipeline file: name its environment variable in \"apiKeyEnv\" "
            + "or its file in \"apiKeyFile\""
    }
}

extension KeyedDecodingContainer {
    /// A number in `range`, or `defaultValue` when the key is absent.
    func decodeNumber(_ key: Key, default defaultValue: Double, in range: ClosedRange<Double>) throws -> Double {
        let value = try decodeIfPresent(Double.self, forKey: key) ?? defaultValue
        guard range.contains(value) else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: self,
                debugDescription: "expected \(range.lowerBound.plainText) to \(range.upperBound.plainText), got \(value.plainText)")
        }
        return value
    }
}

private extension Double {
    /// `0.5`, `30` (no trailing `.0`).
    var plainText: String { self == rounded() && abs(self) < 1e15 ? String(Int64(self)) : String(self) }
}
