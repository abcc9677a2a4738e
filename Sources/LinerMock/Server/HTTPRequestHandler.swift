import NIOCore
import NIOHTTP1
import NIOPosix

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One connection's handler: collects a request, asks the router, delivers the response
/// (the configured latency after the request arrived), honouring keep-alive.
///
/// `HTTPServerPipelineHandler` sits before it, so a pipelining client's next request is held
/// back until this response has ended: one request is in flight per connection.
final class HTTPRequestHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let router: MockRouter
    private let latency: TimeAmount
    private var head: HTTPRequestHead?

    init(router: MockRouter) {
        self.router = router
        self.latency = .milliseconds(Int64(max(0, router.configuration.faults.latencyMilliseconds)))
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
        case .body:
            break  // GET bodies are ignored
        case .end:
            guard let head else { return }
            self.head = nil
            // The latency runs from the request's arrival: rendering the page is part of it, as on a real server.
            let answerAt = NIODeadline.now() + latency
            let response = router.respond(to: head)
            let keepAlive = head.isKeepAlive
            if latency > .zero {
                context.eventLoop.assumeIsolated().scheduleTask(deadline: answerAt) {
                    self.deliver(response, keepAlive: keepAlive, context: context)
                }
            } else {
                deliver(response, keepAlive: keepAlive, context: context)
            }
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: Error) {
        // Clients of a fault-injecting server hang up at odd moments; just drop the connection.
        context.close(promise: nil)
    }

    private func deliver(_ response: MockResponse, keepAlive: Bool, context: ChannelHandlerContext) {
        router.delivered(response)
        guard context.channel.isActive else { return }
        switch response.delivery {
        case .reset:
            // SO_LINGER 0 turns close() into an RST: the client sees ECONNRESET, not a clean EOF.
            guard let provider = context.channel as? SocketOptionProvider else {
                context.close(promise: nil)
                return
            }
            provider.setSoLinger(linger(l_onoff: 1, l_linger: 0)).assumeIsolated().whenComplete { _ in
                context.close(promise: nil)
            }
        case .truncated:
            var headers = response.headers
            headers.replaceOrAdd(name: "Connection", value: "close")
            context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: response.status, headers: headers))), promise: nil)
            let half = response.body.getSlice(at: response.body.readerIndex, length: response.body.readableBytes / 2) ?? ByteBuffer()
            context.writeAndFlush(wrapOutboundOut(.body(.byteBuffer(half)))).assumeIsolated().whenComplete { _ in
                context.close(promise: nil)
            }
        case .dripped(let interval):
            writeHead(response, keepAlive: false, context: context)
            drip(response.body, every: interval, context: context)
        case .padded(let at, let bytes):
            writeHead(response, keepAlive: keepAlive, context: context)
            let before = response.body.getSlice(at: response.body.readerIndex, length: at) ?? ByteBuffer()
            let after = response.body.getSlice(at: response.body.readerIndex + at, length: response.body.readableBytes - at) ?? ByteBuffer()
            context.write(wrapOutboundOut(.body(.byteBuffer(before))), promise: nil)
            writePadding(from: 0, total: bytes, then: after, keepAlive: keepAlive, context: context)
        case .complete:
            var headers = response.headers
            headers.replaceOrAdd(name: "Connection", value: keepAlive ? "keep-alive" : "close")
            context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: response.status, headers: headers))), promise: nil)
            context.write(wrapOutboundOut(.body(.byteBuffer(response.body))), promise: nil)
            let done = context.writeAndFlush(wrapOutboundOut(.end(nil)))
            if !keepAlive {
                done.assumeIsolated().whenComplete { _ in
                    context.close(promise: nil)
                }
            }
        }
    }

    private func writeHead(_ response: MockResponse, keepAlive: Bool, context: ChannelHandlerContext) {
        var headers = response.headers
        headers.replaceOrAdd(name: "Connection", value: keepAlive ? "keep-alive" : "close")
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: response.status, headers: headers))), promise: nil)
    }

    /// One byte of `body`, then the rest `interval` later, for as long as the client stays.
    private func drip(_ body: ByteBuffer, every interval: TimeAmount, context: ChannelHandlerContext) {
        guard context.channel.isActive else { return }
        var body = body
        guard let byte = body.readSlice(length: 1) else {
            context.writeAndFlush(wrapOutboundOut(.end(nil))).assumeIsolated().whenComplete { _ in context.close(promise: nil) }
            return
        }
        context.writeAndFlush(wrapOutboundOut(.body(.byteBuffer(byte))), promise: nil)
        context.eventLoop.assumeIsolated().scheduleTask(in: interval) {
            self.drip(body, every: interval, context: context)
        }
    }

    /// The padding in 64 KiB pieces, each written once the previous one is flushed (the server holds one
    /// piece at a time), then `rest` and the end.
    private func writePadding(from offset: Int, total: Int, then rest: ByteBuffer, keepAlive: Bool, context: ChannelHandlerContext) {
        guard context.channel.isActive else { return }
        guard offset < total else {
            context.write(wrapOutboundOut(.body(.byteBuffer(rest))), promise: nil)
            let done = context.writeAndFlush(wrapOutboundOut(.end(nil)))
            if !keepAlive { done.assumeIsolated().whenComplete { _ in context.close(promise: nil) } }
            return
        }
        let piece = MockResponse.paddingPiece(offset: offset, length: 64 * 1024, total: total)
        context.writeAndFlush(wrapOutboundOut(.body(.byteBuffer(piece)))).assumeIsolated().whenComplete { result in
            guard case .success = result else { return }
            self.writePadding(from: offset + piece.readableBytes, total: total, then: rest, keepAlive: keepAlive, context: context)
        }
    }
}
