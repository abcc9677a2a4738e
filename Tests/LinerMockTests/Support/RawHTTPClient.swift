import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What came back on one connection, byte for byte.
struct RawResponse {
    /// How the exchange ended.
    enum Outcome: Equatable {
        /// Status line, headers and the whole declared body.
        case complete
        /// Fewer body bytes than Content-Length before the server closed.
        case truncated
        /// The server reset or closed the connection before any response byte.
        case noResponse
    }

    var outcome: Outcome
    var status: Int = 0
    var headers: [(name: String, value: String)] = []
    var body: [UInt8] = []
    var declaredLength: Int?

    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// The body parsed as JSON (any top-level value).
    func json() throws -> Any {
        try JSONSerialization.jsonObject(with: Data(body), options: [.fragmentsAllowed])
    }

    /// The body as a JSON object.
    func object() throws -> [String: Any] {
        guard let object = try json() as? [String: Any] else {
            throw RawHTTPError("body is not a JSON object: \(String(decoding: body.prefix(200), as: UTF8.self))")
        }
        return object
    }
}

struct RawHTTPError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A deliberately dumb HTTP/1.1 client on a blocking socket: one request per connection,
/// the request target sent exactly as given (raw brackets, `%5B%5D`, whatever the test
/// wants), and a faithful account of truncated bodies and resets, which URLSession would
/// hide behind a generic error.
enum RawHTTPClient {
    static func get(
        port: Int, target: String, apiKey: String? = "mock-liner-key", extraHeaders: [String] = [],
        timeoutSeconds: Int = 15
    ) throws -> RawResponse {
        try request("GET", port: port, target: target, apiKey: apiKey, extraHeaders: extraHeaders, timeoutSeconds: timeoutSeconds)
    }

    /// One request with any method and no body.
    static func request(
        _ method: String, port: Int, target: String, apiKey: String? = "mock-liner-key", extraHeaders: [String] = [],
        timeoutSeconds: Int = 15
    ) throws -> RawResponse {
        var request = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nAccept: application/json\r\nConnection: close\r\n"
        if let apiKey { request += "X-Api-Key: \(apiKey)\r\n" }
        for header in extraHeaders { request += header + "\r\n" }
        request += "\r\n"
        let received = try exchange(port: port, request: Array(request.utf8), timeoutSeconds: timeoutSeconds)
        return try parse(received)
    }

    private static func exchange(port: Int, request: [UInt8], timeoutSeconds: Int) throws -> [UInt8] {
        #if canImport(Darwin)
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #else
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #endif
        guard fd >= 0 else { throw RawHTTPError("socket() failed: errno \(errno)") }
        defer { close(fd) }
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))

        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { throw RawHTTPError("connect() to port \(port) failed: errno \(errno)") }

        var sent = 0
        while sent < request.count {
            let n = request[sent...].withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }
            guard n > 0 else { throw RawHTTPError("send() failed: errno \(errno)") }
            sent += n
        }

        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n > 0 {
                received.append(contentsOf: chunk[0..<n])
            } else if n == 0 {
                break
            } else if errno == EINTR {
                continue
            } else if errno == ECONNRESET {
                break  // a reset: whatever arrived before it is the response (maybe nothing)
            } else if errno == EAGAIN || errno == EWOULDBLOCK {
                throw RawHTTPError("timed out after \(timeoutSeconds) s waiting for the server")
            } else {
                throw RawHTTPError("recv() failed: errno \(errno)")
            }
        }
        return received
    }

    private static func parse(_ bytes: [UInt8]) throws -> RawResponse {
        guard !bytes.isEmpty else { return RawResponse(outcome: .noResponse) }
        let separator: [UInt8] = [13, 10, 13, 10]
        guard let headerEnd = (0...(bytes.count - 4)).first(where: { Array(bytes[$0..<$0 + 4]) == separator }) else {
            throw RawHTTPError("response without a complete header block")
        }
        let headText = String(decoding: bytes[0..<headerEnd], as: UTF8.self)
        let lines = headText.components(separatedBy: "\r\n")
        let statusParts = lines[0].split(separator: " ")
        guard statusParts.count >= 2, let status = Int(statusParts[1]) else {
            throw RawHTTPError("bad status line \(lines[0])")
        }
        var response = RawResponse(outcome: .complete, status: status)
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = String(line[..<colon])
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            response.headers.append((name, value))
        }
        response.body = Array(bytes[(headerEnd + 4)...])
        response.declaredLength = response.header("Content-Length").flatMap { Int($0) }
        if let declared = response.declaredLength {
            if response.body.count < declared {
                response.outcome = .truncated
            } else if response.body.count > declared {
                throw RawHTTPError("body longer (\(response.body.count)) than Content-Length \(declared)")
            }
        }
        return response
    }
}
