import Foundation
import NIOCore
import NIOPosix
import NIOSSL
import Synchronization

/// A TLS server on 127.0.0.1 whose certificate, self-signed for `localhost` (made with the `openssl`
/// command), no client trusts: it counts the connections it accepts and answers nothing.
final class TLSTestServer: Sendable {
    let port: Int
    private let channel: Channel
    private let group: MultiThreadedEventLoopGroup
    private let accepted: ConnectionCount
    private let folder: String

    /// Connections accepted so far.
    var connections: Int { accepted.value.withLock { $0 } }

    private final class ConnectionCount: Sendable {
        let value = Mutex(0)
    }

    private init(port: Int, channel: Channel, group: MultiThreadedEventLoopGroup, accepted: ConnectionCount, folder: String) {
        self.port = port
        self.channel = channel
        self.group = group
        self.accepted = accepted
        self.folder = folder
    }

    static func start() async throws -> TLSTestServer {
        let folder = NSTemporaryDirectory() + "liner-export-tls-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let openssl = Process()
        openssl.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        openssl.arguments = [
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
            "-keyout", folder + "/key.pem", "-out", folder + "/cert.pem",
        ]
        openssl.standardOutput = FileHandle.nullDevice
        openssl.standardError = FileHandle.nullDevice
        try openssl.run()
        openssl.waitUntilExit()
        let configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: try NIOSSLCertificate.fromPEMFile(folder + "/cert.pem").map { .certificate($0) },
            privateKey: .privateKey(try NIOSSLPrivateKey(file: folder + "/key.pem", format: .pem)))
        let context = try NIOSSLContext(configuration: configuration)
        let accepted = ConnectionCount()
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let channel = try await ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                accepted.value.withLock { $0 += 1 }
                return channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: context))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        return TLSTestServer(port: channel.localAddress?.port ?? 0, channel: channel, group: group, accepted: accepted, folder: folder)
    }

    func stop() {
        try? channel.close().wait()
        try? group.syncShutdownGracefully()
        try? FileManager.default.removeItem(atPath: folder)
    }
}

/// A loopback port nothing listens on (bound, then closed again).
func unusedLoopbackPort() throws -> Int {
    let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    defer { try? group.syncShutdownGracefully() }
    let channel = try ServerBootstrap(group: group).bind(host: "127.0.0.1", port: 0).wait()
    let port = channel.localAddress?.port ?? 0
    try channel.close().wait()
    return port
}
