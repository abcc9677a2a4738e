import Foundation
import LinerJSON
import NIOCore
import NIOHTTP1

/// Reads Liner's `{"success": bool, "message": string, "data": ...}` envelope from a response.
enum EnvelopeReader {
    /// - Parameter maxValues: the most JSON values the body may hold; more is `RequestFailure.tooLarge`.
    static func read(
        status: HTTPResponseStatus, headers: HTTPHeaders, body: ByteBuffer, maxValues: Int = .max
    ) -> Result<JSONValue, RequestFailure> {
        let parsed: Result<JSONValue, JSONParseError> = body.withUnsafeReadableBytes { bytes in
            Result { () throws(JSONParseError) in try JSONParser.parse(bytes, knownKeys: LeadKeys.matcher, maxValues: maxValues) }
        }
        if case .failure(let error) = parsed, error.exceedsValueLimit {
            return .failure(.tooLarge(limit: body.readableBytes, values: maxValues))
        }
        let envelope: JSONObject? = if case .success(.object(let object)) = parsed { object } else { nil }
        let message = envelope?["message"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }

        guard (200..<300).contains(status.code) else {
            return .failure(.status(
                code: Int(status.code), message: message ?? bodySnippet(body, headers: headers),
                retryAfterSeconds: retryAfterSeconds(headers)))
        }
        guard let envelope else {
            switch parsed {
            case .failure(let error): return .failure(.badBody("\(error) (\(body.readableBytes) bytes)"))
            case .success: return .failure(.badBody("not a JSON object"))
            }
        }
        guard let success = envelope["success"]?.boolValue else {
            return .failure(.badBody("no \"success\" in the envelope"))
        }
        guard success else {
            return .failure(.refused(message: message ?? ""))
        }
        return .success(envelope["data"] ?? .null)
    }

    /// `Retry-After` in seconds, or as an HTTP date.
    static func retryAfterSeconds(_ headers: HTTPHeaders, now: Date = Date()) -> Double? {
        headers.first(name: "Retry-After").flatMap { retryAfterSeconds(headerValue: $0, now: now) }
    }

    /// `Retry-After: 120` or `Retry-After: Wed, 21 Oct 2015 07:28:00 GMT`, as seconds from `now` (never negative).
    static func retryAfterSeconds(headerValue: String, now: Date = Date()) -> Double? {
        let value = headerValue.trimmingCharacters(in: .whitespaces)
        if let seconds = Double(value) { return max(0, seconds) }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        guard let date = formatter.date(from: value) else { return nil }
        return max(0, date.timeIntervalSince(now))
    }

    /// A short plain-text hint from a non-JSON error body (an nginx HTML page says "502 Bad Gateway").
    private static func bodySnippet(_ body: ByteBuffer, headers: HTTPHeaders) -> String? {
        guard body.readableBytes > 0, let text = body.getString(at: body.readerIndex, length: min(body.readableBytes, 2000)) else {
            return nil
        }
        let title = text.firstMatch(of: /<title>([^<]*)<\/title>/)?.1
        let plain = String(title ?? Substring(text)).replacing(/\s+/, with: " ").trimmingCharacters(in: .whitespaces)
        guard !plain.isEmpty else { return nil }
        return plain.count > 120 ? String(plain.prefix(120)) + "…" : plain
    }
}
