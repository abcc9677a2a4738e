import Foundation
import LinerTestSupport
import Testing
@testable import LinerExport

/// The manifest's SHA-256 (libcrypto's) agrees with the FIPS 180-4 examples, with Python's hashlib
/// and with `sha256sum`, however the bytes are split into updates.
struct SHA256Tests {
    struct Vector: Sendable, CustomTestStringConvertible {
        let message: [UInt8]
        let digest: String
        var testDescription: String { "\(message.count) bytes" }

        init(_ text: String, _ digest: String) {
            message = Array(text.utf8)
            self.digest = digest
        }
    }

    static let vectors: [Vector] = [
        Vector("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        Vector("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        Vector("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
        Vector(
            "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
            "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
        ),
        Vector(String(repeating: "a", count: 1_000_000), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"),
    ]

    @Test(arguments: vectors)
    func standardVectors(vector: Vector) {
        var hasher = SHA256()
        hasher.update(vector.message)
        #expect(hasher.finalizeHex() == vector.digest)
    }

    /// A copy finalized half-way (as the output file's `sha256` does) leaves the original hashing on,
    /// and the copy is the digest of what it had seen.
    @Test func aCopyIsFinalizedWithoutTheOriginal() {
        var hasher = SHA256()
        hasher.update(Array("ab".utf8))
        var copy = hasher
        hasher.update(Array("c".utf8))
        #expect(copy.finalizeHex() == "fb8e20fc2e4c3f248c60c39bd652f3c1347298bb977b8b4d5903b85055620603")
        var final = hasher
        #expect(final.finalizeHex() == Self.vectors[1].digest)
        hasher.update(Array("d".utf8))
        #expect(hasher.finalizeHex() == "88d4266fd4e6338d13b845fcf289579d209c897823b9217da3e161936f031589")
    }

    /// Pieces of every size from 1 to 130 bytes, so a partial block is completed and followed by
    /// whole blocks in every alignment; all must match the one-piece digest from `sha256sum`.
    @Test func piecesOfAnySizeHashAsOneMessage() throws {
        var generator = SeededGenerator(seed: 256)
        let message = (0..<20_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let expected = try sha256sum(of: message)
        for pieceSize in 1...130 {
            var hasher = SHA256()
            var start = 0
            while start < message.count {
                let end = min(start + pieceSize, message.count)
                hasher.update(message[start..<end])
                start = end
            }
            #expect(hasher.finalizeHex() == expected, "pieces of \(pieceSize) bytes, seed 256")
        }
    }

    @Test func filesHashAsSha256sumHashesThem() throws {
        try withTemporaryFolder { folder in
            var generator = SeededGenerator(seed: 61)
            for size in [0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129, 1_000, (1 << 20) - 1, 1 << 20, (1 << 20) + 77, 3_000_001] {
                let path = folder + "/file-\(size)"
                let bytes = (0..<size).map { _ in UInt8.random(in: 0...255, using: &generator) }
                try Data(bytes).write(to: URL(fileURLWithPath: path))
                let digest = try SHA256.hexDigest(ofFile: path)
                #expect(digest == (try sha256sum(ofFile: path)), "size \(size), seed 61")
            }
        }
    }

    @Test func filesHashAsHashlibHashesThem() throws {
        try withTemporaryFolder { folder in
            var generator = SeededGenerator(seed: 61)
            for size in [1, 55, 56, 63, 64, 65, 119, 1_000, (1 << 20) - 1, 1 << 20, (1 << 20) + 77, 3_000_001] {
                let path = folder + "/file-\(size)"
                let bytes = (0..<size).map { _ in UInt8.random(in: 0...255, using: &generator) }
                try Data(bytes).write(to: URL(fileURLWithPath: path))
                let result = try runProgram(["python3", "-c", "import hashlib,sys; print(hashlib.sha256(open(sys.argv[1],'rb').read()).hexdigest())", path])
                #expect(try SHA256.hexDigest(ofFile: path) == result.output.trimmingCharacters(in: .whitespacesAndNewlines), "size \(size)")
            }
        }
    }

    private func sha256sum(of bytes: [UInt8]) throws -> String {
        return try withTemporaryFolder { folder in
            let path = folder + "/message"
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            return try sha256sum(ofFile: path)
        }
    }

    /// coreutils' digest: the first word of `sha256sum`'s line.
    private func sha256sum(ofFile path: String) throws -> String {
        let result = try runProgram(["sha256sum", "--", path])
        #expect(result.status == 0, "sha256sum failed: \(result.errors)")
        return String(result.output.prefix { !$0.isWhitespace })
    }
}
