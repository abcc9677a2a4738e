import Foundation

/// What a base URL must be, wherever it comes from: `source.baseURL` in the pipeline file or `--base-url`.
extension SourceSpec {
    /// Why a base URL was refused, said without the key path or option it came from.
    struct BaseURLProblem: Error {
        let expected: String
    }

    /// `text` without its trailing `/`s, once it is an http(s) URL with a host, without the API path, and
    /// https:// unless the host is loopback or `allowsInsecureHTTP`.
    static func checkedBaseURL(_ text: String, allowsInsecureHTTP: Bool) throws(BaseURLProblem) -> String {
        guard let url = URL(string: text), let scheme = url.scheme, ["http", "https"].contains(scheme), url.host != nil else {
            throw BaseURLProblem(expected: "expected an http(s) URL like \"https://example.liner.host\", got \"\(text)\"")
        }
        var baseURL = text
        while baseURL.hasSuffix("/") { baseURL.removeLast() }
        // The API paths are appended: `…/v2/lead` here would ask for `…/v2/lead/v2/lead/`.
        var path = url.path.lowercased()
        while path.hasSuffix("/") { path.removeLast() }
        if let apiPath = ["/v2/lead", "/v2"].first(where: path.hasSuffix), baseURL.lowercased().hasSuffix(apiPath) {
            var corrected = String(baseURL.dropLast(apiPath.count))
            while corrected.hasSuffix("/") { corrected.removeLast() }
            throw BaseURLProblem(
                expected: "expected the account's address without the API path (/v2/lead/ is appended to it), "
                    + "got \"\(text)\"; use \"\(corrected)\"")
        }
        if scheme == "http", !allowsInsecureHTTP, !isLoopback(host: url.host ?? "") {
            throw BaseURLProblem(
                expected: "expected https:// for a host that is not loopback, got \"\(text)\": over http:// the "
                    + "token and the leads would cross the network in clear text; use https://, or set "
                    + "\"allowInsecureHTTP\": true in source if this network is trusted")
        }
        return baseURL
    }

    /// `localhost`, `127.0.0.0/8` or `::1`: a connection that never leaves the machine.
    static func isLoopback(host: String) -> Bool {
        let host = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        if host == "localhost" || host.hasSuffix(".localhost") || host == "::1" { return true }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets.first == "127" && octets.allSatisfy { UInt8($0) != nil }
    }
}

extension PipelineSpec {
    /// The pipeline run against another server (`--base-url`, e.g. a fake one on a port chosen at start):
    /// `text` is checked as `source.baseURL` is. Everything else, state file and metrics included, is the file's.
    /// - Throws: `ExportError.badArguments` naming the option and what was expected.
    public func replacingBaseURL(_ text: String) throws -> PipelineSpec {
        var spec = self
        do {
            spec.source.baseURL = try SourceSpec.checkedBaseURL(text, allowsInsecureHTTP: source.allowsInsecureHTTP)
        } catch {
            throw ExportError.badArguments("--base-url: \(error.expected)")
        }
        return spec
    }
}
