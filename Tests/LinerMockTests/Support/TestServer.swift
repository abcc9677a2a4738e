import Foundation
import LinerMock

/// Runs `body` against a fresh server on 127.0.0.1 port 0 and always shuts it down,
/// whether `body` returns or throws.
func withServer<T>(
    _ configuration: MockServerConfiguration = MockServerConfiguration(),
    _ body: (MockLinerServer) async throws -> T
) async throws -> T {
    var configuration = configuration
    configuration.host = "127.0.0.1"
    configuration.port = 0
    let server = try await MockLinerServer.start(configuration)
    do {
        let result = try await body(server)
        try await server.shutdown()
        return result
    } catch {
        try? await server.shutdown()
        throw error
    }
}

/// A server configuration with `leads` leads and the given faults.
func configuration(leads: Int = 1_000, seed: UInt64 = 1, faults: MockFaults = MockFaults()) -> MockServerConfiguration {
    var configuration = MockServerConfiguration()
    configuration.dataset.leadCount = leads
    configuration.dataset.seed = seed
    configuration.faults = faults
    return configuration
}

/// An Int from a JSON number or numeric string (the API sends both).
func intValue(_ value: Any?) -> Int? {
    if let string = value as? String { return Int(string) }
    if let number = value as? NSNumber {
        let double = number.doubleValue
        guard double.rounded() == double else { return nil }
        return number.intValue
    }
    return nil
}

/// One fetched page of a list endpoint.
struct Page {
    let ids: [Int]
    let list: [[String: Any]]
    let total: Int
    /// The raw `next` member: nil when missing, NSNull when null.
    let next: Any?
    let hasNext: Bool

    init(_ response: RawResponse) throws {
        let envelope = try response.object()
        guard response.status == 200, envelope["success"] as? Bool == true,
            let data = envelope["data"] as? [String: Any], let list = data["list"] as? [[String: Any]],
            let total = intValue(data["total"])
        else {
            throw RawHTTPError("not a list page: HTTP \(response.status) \(String(decoding: response.body.prefix(300), as: UTF8.self))")
        }
        self.list = list
        self.ids = list.compactMap { intValue($0["id"]) }
        self.total = total
        self.next = data["next"]
        self.hasNext = data.keys.contains("next")
    }
}

/// Walks a list endpoint from offset 0 until a page is empty or `next` says stop, and returns
/// every page in order. Stops following `next` once it is null, missing, or not past the
/// current offset.
func walkPages(port: Int, path: String = "/v2/lead/", query: String, limit: Int, maxPages: Int = 10_000) throws -> [Page] {
    var pages: [Page] = []
    var offset = 0
    let separator = query.isEmpty ? "" : "&"
    while pages.count < maxPages {
        let page = try Page(RawHTTPClient.get(port: port, target: "\(path)?\(query)\(separator)offset=\(offset)&limit=\(limit)"))
        pages.append(page)
        guard !page.ids.isEmpty, let next = intValue(page.next), next > offset, next < page.total else { break }
        offset = next
    }
    return pages
}
