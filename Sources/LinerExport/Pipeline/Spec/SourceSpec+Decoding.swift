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
        let original = try container.decode(String.self, forKey: .baseURL)
        var baseURL = original
        guard let url = URL(string: baseURL), let scheme = url.scheme, ["http", "https"].contains(scheme),
              url.host != nil
        else {
            throw DecodingError.dataCorruptedError(
                forKey: .baseURL, in: container,
                debugDescription: "expected an http(s) URL like \"https://example.liner.host\", got \"\(baseURL)\"")
        }
        while baseURL.hasSuffix("/") { baseURL.removeLast() }
        // The API paths are appended: `…/v2/lead` here would ask for `…/v2/lead/v2/lead/`.
        var path = url.path.lowercased()
        while path.hasSuffix("/") { path.removeLast() }
        if let apiPath = ["/v2/lead", "/v2"].first(where: path.hasSuffix), baseURL.lowercased().hasSuffix(apiPath) {
            var corrected = String(baseURL.dropLast(apiPath.count))
            while corrected.hasSuffix("/") { corrected.removeLast() }
            throw DecodingError.dataCorruptedError(
                forKey: .baseURL, in: container,
                debugDescription: "expected the account's address without the API path (/v2/lead/ is appended to it), "
                    + "got \"\(original)\"; use \"\(corrected)\"")
        }
        self.init(baseURL: baseURL)
        allowsInsecureHTTP = try container.decodeIfPresent(Bool.self, forKey: .allowInsecureHTTP) ?? false
        if scheme == "http", !allowsInsecureHTTP, !Self.isLoopback(host: url.host ?? "") {
            throw DecodingError.dataCorruptedError(
                forKey: .baseURL, in: container,
                debugDescription: "expected https:// for a host that is not loopback, got \"\(original)\": over http:// the "
                    + "token and the leads would cross the network in clear text; use https://, or set "
                    + "\"allowInsecureHTTP\": true in source if this network is trusted")
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

    /// `localhost`, `127.0.0.0/8` or `::1`: a connection that never leaves the machine.
    static func isLoopback(host: String) -> Bool {
        let host = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        if host == "localhost" || host.hasSuffix(".localhost") || host == "::1" { return true }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets.first == "127" && octets.allSatisfy { UInt8($0) != nil }
    }

    /// Said when someone tries to put the token itself into the file.
    private static func tokenHint(_ key: String) -> String? {
        let lowered = key.lowercased()
        guard lowered.contains("key") || lowered.contains("token") || lowered.contains("secret") else { return nil }
        return "the token never goes in the pipeline file: name its environment variable in \"apiKeyEnv\" "
            + "or its file in \"apiKeyFile\""
    }
}
