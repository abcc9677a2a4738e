import Foundation
import Testing
@testable import LinerExport

/// The manifest's SHA-256 agrees with Python's hashlib on the standard vectors and on files whose
/// sizes straddle the 64-byte blocks and the 1 MiB read buffer.
struct SHA256Tests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
    func standardVectors(text: String, digest: String) {
        var hasher = SHA256()
        hasher.update(Array(text.utf8))
        #expect(hasher.finalizeHex() == digest)
    }

    @Test func filesHashAsHashlibHashesThem() throws {
        let folder = try makeTemporaryFolder()
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
