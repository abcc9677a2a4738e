import CCrypto
import Foundation

/// SHA-256 (FIPS 180-4) from OpenSSL's libcrypto, fed in pieces so a file of any size is hashed in
/// constant memory. libcrypto runs it on the CPU's SHA instructions where there are some.
///
/// A value like any other: a copy hashes on from where it was made, independently of the original
/// (the libcrypto context is copied on the first write to a shared one), so a copy can be finalized
/// while the original keeps hashing.
public struct SHA256 {
    private var context = Context()

    init() {}

    /// Hashes `bytes` after everything hashed so far.
    mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        makeContextUnique()
        Self.check(EVP_DigestUpdate(context.pointer, base, bytes.count), "EVP_DigestUpdate")
    }

    mutating func update(_ bytes: some Collection<UInt8>) {
        Array(bytes).withUnsafeBytes { update($0) }
    }

    /// The digest as 64 lowercase hex digits. Ends this value's hashing: call it once (on a copy to
    /// go on hashing).
    mutating func finalizeHex() -> String {
        finalizeBytes().map { String(format: "%02x", $0) }.joined()
    }

    /// The digest's 32 bytes. Ends this value's hashing, as `finalizeHex()` does.
    mutating func finalizeBytes() -> [UInt8] {
        makeContextUnique()
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        Self.check(EVP_DigestFinal_ex(context.pointer, &digest, &length), "EVP_DigestFinal_ex")
        return Array(digest.prefix(Int(length)))
    }

    /// The first 8 bytes of the SHA-256 of `bytes`, big-endian: a fingerprint that tells contents apart
    /// (a chance collision takes about 2^32 contents).
    static func first64Bits(of bytes: UnsafeRawBufferPointer) -> UInt64 {
        var hasher = SHA256()
        hasher.update(bytes)
        return hasher.finalizeBytes().prefix(8).reduce(0) { $0 << 8 | UInt64($1) }
    }

    private mutating func makeContextUnique() {
        if !isKnownUniquelyReferenced(&context) {
            context = Context(copying: context)
        }
    }

    /// libcrypto's digest calls fail only when memory runs out or the library is broken, neither of
    /// which a run can recover from.
    fileprivate static func check(_ result: Int32, _ call: StaticString) {
        precondition(result == 1, "libcrypto \(call) failed")
    }

    /// The SHA-256 of a file, read in 1 MiB pieces.
    /// - Throws: `ExportError.output` when the file cannot be read.
    public static func hexDigest(ofFile path: String) throws -> String {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw ExportError.output("cannot read \(path) to hash it: \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        var hasher = SHA256()
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 8)
        defer { buffer.deallocate() }
        while true {
            let count = read(descriptor, buffer.baseAddress, buffer.count)
            if count < 0 {
                if errno == EINTR { continue }
                throw ExportError.output("cannot read \(path) to hash it: \(String(cString: strerror(errno)))")
            }
            if count == 0 { break }
            hasher.update(UnsafeRawBufferPointer(rebasing: buffer[..<count]))
        }
        return hasher.finalizeHex()
    }
}

extension SHA256 {
    /// An `EVP_MD_CTX` set up for SHA-256, freed with its owner.
    private final class Context {
        let pointer: OpaquePointer

        init() {
            pointer = Self.makeContext()
            SHA256.check(EVP_DigestInit_ex(pointer, EVP_sha256(), nil), "EVP_DigestInit_ex")
        }

        /// A context that goes on from where `other` is.
        init(copying other: Context) {
            pointer = Self.makeContext()
            SHA256.check(EVP_MD_CTX_copy_ex(pointer, other.pointer), "EVP_MD_CTX_copy_ex")
        }

        deinit {
            EVP_MD_CTX_free(pointer)
        }

        private static func makeContext() -> OpaquePointer {
            guard let pointer = EVP_MD_CTX_new() else { preconditionFailure("libcrypto EVP_MD_CTX_new failed") }
            return pointer
        }
    }
}
