import AsyncHTTPClient
import Foundation
import LinerJSON
import NIOCore
import NIOHTTP1

extension LinerClient {
    /// One GET of `url`: the response head and the whole body within `timeoutSeconds`, however slowly the
    /// server sends them (AsyncHTTPClient's own timeouts stop at the head, or only between two reads), and
    /// a body of at most `maxResponseBytes`, refused from its `Content-Length` or as soon as it grows past.
    /// - Returns: the outcome, and the status and size of what came back (nil when nothing did), for `requestLog`.
    func attemptOnce(url: String, timeoutSeconds: Double) async -> (Result<JSONValue, RequestFailure>, RequestLog.Response?) {
        let timedOut: (Result<JSONValue, RequestFailure>, RequestLog.Response?) = (.failure(.timedOut(seconds: timeoutSeconds)), nil)
        do {
            return try await withThrowingTaskGroup(of: (Result<JSONValue, RequestFailure>, RequestLog.Response?).self) { group in
                group.addTask { await exchange(url: url, timeoutSeconds: timeoutSeconds) }
                group.addTask {
                    try await Task.sleep(nanoseconds: UInt64(timeoutSeconds * 1_000_000_000))
                    return timedOut
                }
                // Cancelling the loser stops a body still streaming: AsyncHTTPClient closes its connection.
                defer { group.cancelAll() }
                return try await group.next() ?? timedOut
            }
        } catch {
            return (.failure(.transport(error)), nil)  // the run was cancelled: `get` rethrows that, not this
        }
    }

    private func exchange(url: String, timeoutSeconds: Double) async -> (Result<JSONValue, RequestFailure>, RequestLog.Response?) {
        var request = HTTPClientRequest(url: url)
        request.method = .GET
        request.headers.add(name: "X-Api-Key", value: apiKey.value)
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Accept", value: "application/json")
        let response: HTTPClientResponse
        let body: ByteBuffer
        do {
            response = try await httpClient.execute(
                request, timeout: .milliseconds(Int64(timeoutSeconds * 1000)), logger: requestLog.httpClientLogger)
            guard let read = try await readBody(of: response) else {
                return (.failure(.tooLarge(limit: maxResponseBytes)), nil)
            }
            body = read
        } catch {
            return (.failure(RequestFailure(transportError: error, url: url, timeoutSeconds: timeoutSeconds)), nil)
        }
        let received = RequestLog.Response(status: Int(response.status.code), bytes: body.readableBytes)
        if (300..<400).contains(response.status.code) {
            let location = response.headers.first(name: "Location").map {
                URL(string: $0, relativeTo: URL(string: url))?.absoluteString ?? $0
            }
            return (.failure(.redirect(code: Int(response.status.code), url: url, location: location)), received)
        }
        let maxValues = ResponseBudget.maxValues(bytes: maxResponseBytes)
        return (EnvelopeReader.read(status: response.status, headers: response.headers, body: body, maxValues: maxValues), received)
    }

    /// The whole body, or nil once it is known to be larger than `maxResponseBytes` (the connection is
    /// then closed, the rest never read).
    private func readBody(of response: HTTPClientResponse) async throws -> ByteBuffer? {
        if let declared = response.headers.first(name: "Content-Length").flatMap(Int.init), declared > maxResponseBytes {
            return nil
        }
        // Sized from the declared length, when there is one: a buffer grown by doubling could take twice the body.
        var body = ByteBuffer()
        body.reserveCapacity(response.headers.first(name: "Content-Length").flatMap(Int.init) ?? 0)
        for try await chunk in response.body {
            guard body.readableBytes + chunk.readableBytes <= maxResponseBytes else { return nil }
            var chunk = chunk
            body.writeBuffer(&chunk)
        }
        return body
    }
}
