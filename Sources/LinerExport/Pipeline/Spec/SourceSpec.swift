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

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case baseURL, apiKeyEnv, apiKeyFile, pageSize, timeoutSeconds, maxAttempts
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
    }

    /// Said when someone tries to put the token itself into the file.
    private static func tokenHint(_ key: String) -> String? {
        let lowered = key.lowercased()
        guard lowered.contains("key") || lowered.contains("token") || lowered.contains("secret") else { return nil }
        return "the token never goes in the pipeline file: name its environment variable in \"apiKeyEnv\" "
            + "or its file in \"apiKeyFile\""
    }
}
