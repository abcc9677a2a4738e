import Foundation

/// Reading `source` from a pipeline file: unknown keys are errors, absent keys take the defaults of
/// `init(baseURL:...)`, and every value is checked against its range.
extension SourceSpec: Decodable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case baseURL, apiKeyEnv, apiKeyFile, pageSize, timeoutSeconds, maxAttempts
        case retryBaseDelaySeconds, retryMaxDelaySeconds, requestsPerSecond, concurrency, deadlineSeconds
        case allowInsecureHTTP
    }

    public init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self, hint: Self.tokenHint)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let allowsInsecureHTTP = try container.decodeIfPresent(Bool.self, forKey: .allowInsecureHTTP) ?? false
        do {
            let baseURL = try Self.checkedBaseURL(
                container.decode(String.self, forKey: .baseURL), allowsInsecureHTTP: allowsInsecureHTTP)
            self.init(baseURL: baseURL, allowsInsecureHTTP: allowsInsecureHTTP)
        } catch let problem as BaseURLProblem {
            throw DecodingError.dataCorruptedError(forKey: .baseURL, in: container, debugDescription: problem.expected)
        }
        apiKeyEnv = try container.decodeIfPresent(String.self, forKey: .apiKeyEnv) ?? apiKeyEnv
        // A value that is no variable name is most likely the token pasted in: never repeat it.
        guard apiKeyEnv.wholeMatch(of: /[A-Z_][A-Z0-9_]*/) != nil else {
            throw DecodingError.dataCorruptedError(
                forKey: .apiKeyEnv, in: container,
                debugDescription: "expected the name of an environment variable ([A-Z_][A-Z0-9_]*) like \"LINER_API_KEY\"; "
                    + "the value does not look like one (not repeated here, in case it is the token): "
                    + "the token itself never goes in the pipeline file")
        }
        apiKeyFile = try container.decodeIfPresent(String.self, forKey: .apiKeyFile)
        pageSize = try container.decodeInteger(.pageSize, in: 1...100) ?? pageSize
        if let timeoutSeconds = try container.decodeExactlyIfPresent(Double.self, forKey: .timeoutSeconds) {
            guard timeoutSeconds > 0, timeoutSeconds <= 600 else {
                throw DecodingError.dataCorruptedError(
                    forKey: .timeoutSeconds, in: container,
                    debugDescription: "expected more than 0 and at most 600, got \(timeoutSeconds)")
            }
            self.timeoutSeconds = timeoutSeconds
        }
        maxAttempts = try container.decodeInteger(.maxAttempts, in: 1...20) ?? maxAttempts
        retryBaseDelaySeconds = try container.decodeNumber(.retryBaseDelaySeconds, in: 0.001...60) ?? retryBaseDelaySeconds
        retryMaxDelaySeconds = try container.decodeNumber(.retryMaxDelaySeconds, in: 0.001...3600) ?? retryMaxDelaySeconds
        requestsPerSecond = try container.decodeNumber(.requestsPerSecond, in: 0...10_000) ?? requestsPerSecond
        concurrency = try container.decodeInteger(.concurrency, in: 1...16) ?? concurrency
        deadlineSeconds = try container.decodeNumber(.deadlineSeconds, in: 1...(7 * 86_400)) ?? deadlineSeconds
    }

    /// Said when someone tries to put the token itself into the file.
    private static func tokenHint(_ key: String) -> String? {
        let lowered = key.lowercased()
        guard lowered.contains("key") || lowered.contains("token") || lowered.contains("secret") else { return nil }
        return "the token never goes in the pipeline file: name its environment variable in \"apiKeyEnv\" "
            + "or its file in \"apiKeyFile\""
    }
}
