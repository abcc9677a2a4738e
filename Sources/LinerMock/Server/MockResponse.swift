import NIOCore
import NIOHTTP1

/// A response the router decided on, and how the connection handler delivers it.
struct MockResponse {
    /// How the bytes reach the client.
    enum Delivery: Equatable {
        /// Head, full body, end.
        case complete
        /// Head declaring the full Content-Length, the first half of the body, then close.
        case truncated
        /// No response: the connection is reset.
        case reset
        /// Head, then the body one byte at a time, this long apart.
        case dripped(TimeAmount)
        /// Head (its Content-Length counting the padding), the body up to `at`, `bytes` of
        /// `"padding":[0,0,…,0],` in pieces, the rest of the body.
        case padded(at: Int, bytes: Int)
    }

    var status: HTTPResponseStatus
    var headers: HTTPHeaders
    var body: ByteBuffer
    var delivery: Delivery = .complete
    /// Answers `GET /v2/lead/`: counted in flight from routing until delivery.
    var isLeadList = false

    /// A JSON response; sets Content-Type and Content-Length.
    static func json(_ status: HTTPResponseStatus, body: ByteBuffer, extraHeaders: [(String, String)] = []) -> MockResponse {
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "application/json; charset=utf-8")
        headers.add(name: "Content-Length", value: String(body.readableBytes))
        headers.add(name: "Server", value: "liner-mock")
        headers.add(contentsOf: extraHeaders)
        return MockResponse(status: status, headers: headers, body: body)
    }

    /// The `{"success": false, "message": ..., "data": null}` envelope with `status`.
    static func failure(_ status: HTTPResponseStatus, message: String, extraHeaders: [(String, String)] = []) -> MockResponse {
        var writer = JSONWriter(capacity: 128 + message.utf8.count)
        writer.beginObject()
        writer.key("success")
        writer.bool(false)
        writer.key("message")
        writer.string(message)
        writer.key("data")
        writer.null()
        writer.endObject()
        return json(status, body: writer.buffer, extraHeaders: extraHeaders)
    }

    /// nginx's own error page, as a proxy in front of a PHP backend sends it.
    /// - Parameter detail: appended to the title, when given.
    static func nginxErrorPage(_ status: HTTPResponseStatus, detail: String? = nil) -> MockResponse {
        let title = "\(status.code) \(status.reasonPhrase)" + (detail.map { " (\($0))" } ?? "")
        let html = "<html>\r\n<head><title>\(title)</title></head>\r\n<body>\r\n<center><h1>\(title)</h1></center>\r\n"
            + "<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n"
        var body = ByteBufferAllocator().buffer(capacity: html.utf8.count)
        body.writeString(html)
        var headers = HTTPHeaders()
        headers.add(name: "Content-Type", value: "text/html")
        headers.add(name: "Content-Length", value: String(body.readableBytes))
        headers.add(name: "Server", value: "nginx")
        return MockResponse(status: status, headers: headers, body: body)
    }

    /// `302 Found` to `location`, with an empty body.
    static func redirect(to location: String) -> MockResponse {
        var headers = HTTPHeaders()
        headers.add(name: "Location", value: location)
        headers.add(name: "Content-Length", value: "0")
        headers.add(name: "Server", value: "liner-mock")
        return MockResponse(status: .found, headers: headers, body: ByteBuffer())
    }

    /// A connection reset with nothing sent.
    static var reset: MockResponse {
        MockResponse(status: .ok, headers: HTTPHeaders(), body: ByteBuffer(), delivery: .reset)
    }
}
