import AsyncHTTPClient
import Foundation
import NIOCore
import NIOPosix
import NIOSSL

extension RequestFailure {
    /// What an error from AsyncHTTPClient or SwiftNIO means for the run: a connection that could not be
    /// made (named by host and port), a TLS handshake that failed, an attempt out of time, or another
    /// transport failure.
    /// - Parameter timeoutSeconds: the attempt's time, named when AsyncHTTPClient's own timeout ends it.
    init(transportError error: Error, url: String, timeoutSeconds: Double) {
        switch error {
        case let error as HTTPClientError where error == .readTimeout || error == .deadlineExceeded:
            // The same limit as the attempt's own timer, which it can beat by a hair on a busy machine.
            self = .timedOut(seconds: timeoutSeconds)
        case let error as NIOConnectionError:
            self = .connect(host: error.host, port: error.port, reason: Self.reason(error))
        case let error as IOError where Self.connectErrors.contains(error.errnoCode):
            let address = URL(string: url)
            let port = address?.port ?? (address?.scheme == "https" ? 443 : 80)
            self = .connect(host: address?.host ?? url, port: port, reason: String(cString: strerror(error.errnoCode)).lowercased())
        case let error as NIOSSLError:
            if case .handshakeFailed(let underlying) = error {
                self = .tls(String(describing: underlying))
            } else {
                self = .transport(error)
            }
        case let error as NIOSSLExtraError where error == .failedToValidateHostname:
            self = .tls(String(describing: error))
        case let error as HTTPClientError where error == .connectTimeout:
            let address = URL(string: url)
            let port = address?.port ?? (address?.scheme == "https" ? 443 : 80)
            self = .connect(host: address?.host ?? url, port: port, reason: "timed out")
        default:
            self = .transport(error)
        }
    }

    /// What `connect(2)` fails with when nothing answers at the address.
    private static let connectErrors: Set<Int32> = [ECONNREFUSED, EHOSTUNREACH, ENETUNREACH, EADDRNOTAVAIL]

    /// `connection refused`, `host not found`, or the first connection error's own words.
    private static func reason(_ error: NIOConnectionError) -> String {
        if error.connectionErrors.isEmpty, error.dnsAError != nil || error.dnsAAAAError != nil {
            return "host not found"
        }
        guard let first = error.connectionErrors.first?.error else { return "no address to connect to" }
        if let io = first as? IOError {
            return String(cString: strerror(io.errnoCode)).lowercased()
        }
        return describe(first)
    }
}
