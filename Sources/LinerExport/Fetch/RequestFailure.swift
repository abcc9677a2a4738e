import Foundation

/// Why one attempt at a request failed, and whether another attempt may succeed.
enum RequestFailure: Error {
    /// No HTTP response: reset, cut, or another transport error.
    case transport(Error)
    /// No connection could be made to `host:port`; `reason` says why (refused, host not found, timed out).
    case connect(host: String, port: Int, reason: String)
    /// The TLS handshake failed (a certificate that does not verify, a host name it does not cover).
    case tls(String)
    /// The attempt, head and body, took longer than `source.timeoutSeconds`.
    case timedOut(seconds: Double)
    /// The body is larger than the client accepts (`ResponseBudget`): over `limit` bytes, or (`values`)
    /// holding more than that many JSON values.
    case tooLarge(limit: Int, values: Int? = nil)
    /// A non-2xx status; `message` is the envelope's message when there was one.
    case status(code: Int, message: String?, retryAfterSeconds: Double?)
    /// 2xx, but the body is not the documented envelope (cut short, HTML, not JSON).
    case badBody(String)
    /// 2xx with `success: false`.
    case refused(message: String)
    /// A 3xx: redirects are never followed, since the `X-Api-Key` header would go along to wherever
    /// `Location` points. `location` is resolved against `url`; nil when the response had none.
    case redirect(code: Int, url: String, location: String?)

    var isTransient: Bool {
        switch self {
        case .transport, .connect, .timedOut, .badBody: return true
        case .tls, .tooLarge: return false
        case .status(let code, _, _): return code == 429 || code == 408 || code >= 500
        case .refused(let message): return !Self.isFinal(message)
        case .redirect: return false
        }
    }

    /// HTTP 429: the rate limiter slows down for the rest of the run.
    var isRateLimit: Bool {
        if case .status(429, _, _) = self { return true }
        return false
    }

    var retryAfterSeconds: Double? {
        if case .status(_, _, let seconds) = self { return seconds }
        return nil
    }

    /// A short label for counters: `http_503`, `transport`, `bad_body`, `success_false`.
    var kind: String {
        switch self {
        case .transport, .connect, .tls: return "transport"
        case .timedOut: return "timeout"
        case .tooLarge: return "too_large"
        case .status(let code, _, _): return "http_\(code)"
        case .badBody: return "bad_body"
        case .refused: return "success_false"
        case .redirect(let code, _, _): return "http_\(code)"
        }
    }

    var summary: String {
        switch self {
        case .transport(let error): return "connection failed: \(Self.describe(error))"
        case .connect(let host, let port, let reason): return "cannot connect to \(host):\(port) (\(reason)); check source.baseURL"
        case .tls(let reason):
            return "TLS handshake failed: \(reason); check source.baseURL and the server's certificate"
        case .timedOut(let seconds):
            return "no complete response within \(Self.format(seconds)) s (source.timeoutSeconds covers the head and the whole body)"
        case .tooLarge(let limit, let values):
            let what = values.map { "holds more than \($0) JSON values" } ?? "is larger than \(limit / 1024 / 1024) MiB"
            return "the response \(what), the most one of the requests in flight may take "
                + "(\(ResponseBudget.sharedBytes / 1024 / 1024) MiB shared); lower source.pageSize or source.concurrency if the pages are really that large"
        case .status(let code, let message, _): return "HTTP \(code)" + (message.map { ": \($0)" } ?? "")
        case .badBody(let reason): return "unreadable response: \(reason)"
        case .refused(let message): return "success: false: \(message.isEmpty ? "(no message)" : message)"
        case .redirect(let code, let url, let location):
            return "HTTP \(code) redirect from \(url) to \(location ?? "(no Location header)")"
        }
    }

    /// The error the run fails with; `url` is the request's, in full (the token travels in a header).
    func error(url: String, attempts: Int) -> ExportError {
        let tries = attempts == 1 ? "" : " (after \(attempts) attempts)"
        switch self {
        case .status(401, let message, _), .status(403, let message, _):
            return .authenticationRefused(
                "the Liner API refused the API token for \(url)" + (message.map { ": \($0)" } ?? "")
                    + "; check the token in source.apiKeyEnv / source.apiKeyFile")
        case .status(400, let message, _):
            return .badRequest("the Liner API rejected the request for \(url): \(message ?? "HTTP 400")")
        case .redirect:
            return .badResponse(
                "the Liner API answered \(summary); redirects are not followed, so the token is never sent elsewhere: "
                    + "set source.baseURL to the address that answers without one")
        case .status(404, _, _):
            return .badResponse("the Liner API has no \(url) (HTTP 404); check source.baseURL")
        case .status(let code, _, _) where code < 500 && code != 429:
            return .badResponse("GET \(url): \(summary)")
        case .connect:
            return .transport("\(summary)\(tries)")
        case .transport, .tls, .timedOut:
            return .transport("GET \(url): \(summary)\(tries)")
        case .badBody, .tooLarge:
            return .badResponse("GET \(url): \(summary)\(tries)")
        case .status, .refused:
            return .serverRefused("GET \(url): \(summary)\(tries)")
        }
    }

    /// Messages of a `success: false` that no retry can change: they name a parameter, the token or
    /// the key, a permission, or something not found. Anything else ("Internal error", an empty
    /// message, a maintenance notice) is a server failure and retried like a 5xx: a nightly run must
    /// not die on one bad response.
    static let finalMessagePatterns = [
        "param", "auth", "token", "key", "forbidden", "denied", "not found",
        "парам", "токен", "ключ", "доступ", "не найден",
    ]

    /// Whether a `success: false` message says the request itself is wrong (see `finalMessagePatterns`).
    static func isFinal(_ message: String) -> Bool {
        let lowered = message.lowercased()
        return finalMessagePatterns.contains { lowered.contains($0) }
    }

    private static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(format: "%.1f", seconds)
    }

    static func describe(_ error: Error) -> String {
        let text = String(describing: error)
        return text.count > 200 ? String(text.prefix(200)) + "…" : text
    }
}
