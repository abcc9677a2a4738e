import CSHA256
import Foundation

/// SHA-256 (FIPS 180-4), fed in pieces so a file of any size is hashed in constant memory.
///
/// Written here rather than taken from swift-crypto: the manifest is its only use, and a dependency
/// for one hash function would cost every build more than these lines. Whole blocks go to the CPU's
/// SHA instructions when it has them (`CSHA256`, ~5x faster); the Swift block function is the fallback.
public struct SHA256 {
    /// Whether this CPU has SHA instructions `CSHA256` can use; read once.
    static let hasHardwareBlocks = csha256_has_hardware() != 0

    /// False forces the Swift block function even on a CPU with SHA instructions, so tests cover both.
    let usesHardwareBlocks: Bool
    private var state: [UInt32] = [
        0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19,
    ]
    private var pending: [UInt8] = []
    private var length: UInt64 = 0

    init(usesHardwareBlocks: Bool = SHA256.hasHardwareBlocks) {
        self.usesHardwareBlocks = usesHardwareBlocks && SHA256.hasHardwareBlocks
    }

    private static let roundConstants: [UInt32] = [
        0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
        0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
        0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
        0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
        0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
        0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
        0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
        0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
    ]

    mutating func update(_ bytes: UnsafeRawBufferPointer) {
        length += UInt64(bytes.count)
        var rest = bytes[...]
        if !pending.isEmpty {
            let take = min(64 - pending.count, rest.count)
            pending.append(contentsOf: rest.prefix(take))
            rest = rest.dropFirst(take)
            guard pending.count == 64 else { return }
            pending.withUnsafeBytes { compress(blocks: UnsafeRawBufferPointer(rebasing: $0[...])) }
            pending.removeAll(keepingCapacity: true)
        }
        let wholeBlocksCount = rest.count / 64 * 64
        if wholeBlocksCount > 0 {
            compress(blocks: UnsafeRawBufferPointer(rebasing: rest.prefix(wholeBlocksCount)))
            rest = rest.dropFirst(wholeBlocksCount)
        }
        pending.append(contentsOf: rest)
    }

    mutating func update(_ bytes: some Collection<UInt8>) {
        Array(bytes).withUnsafeBytes { update($0) }
    }

    /// The digest as 64 lowercase hex digits.
    mutating func finalizeHex() -> String {
        let bitLength = length &* 8
        var tail: [UInt8] = [0x80]
        while (pending.count + tail.count) % 64 != 56 { tail.append(0) }
        for shift in stride(from: 56, through: 0, by: -8) { tail.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift))) }
        let savedLength = length
        update(tail)
        length = savedLength
        return state.map { String(format: "%08x", $0) }.joined()
    }

    /// Runs the compression function over `blocks`, whose size is a multiple of 64 bytes.
    private mutating func compress(blocks: UnsafeRawBufferPointer) {
        if usesHardwareBlocks {
            // One C call per buffer, not per block, keeps the call off the 64-byte loop.
            state.withUnsafeMutableBufferPointer { state in
                csha256_blocks(state.baseAddress!, blocks.baseAddress!.assumingMemoryBound(to: UInt8.self), blocks.count / 64)
            }
            return
        }
        for start in stride(from: 0, to: blocks.count, by: 64) {
            compress(block: UnsafeRawBufferPointer(rebasing: blocks[start..<start + 64]))
        }
    }

    private mutating func compress(block: UnsafeRawBufferPointer) {
        // The message schedule lives on the stack: a heap array per 64-byte block would halve the speed.
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
            for i in 0..<16 {
                w[i] = UInt32(block[i * 4]) << 24 | UInt32(block[i * 4 + 1]) << 16 | UInt32(block[i * 4 + 2]) << 8
                    | UInt32(block[i * 4 + 3])
            }
            for i in 16..<64 {
                let s0 = w[i - 15].rotatedRight(7) ^ w[i - 15].rotatedRight(18) ^ (w[i - 15] >> 3)
                let s1 = w[i - 2].rotatedRight(17) ^ w[i - 2].rotatedRight(19) ^ (w[i - 2] >> 10)
                w[i] = w[i - 16] &+ s0 &+ w[i - 7] &+ s1
            }
            var (a, b, c, d, e, f, g, h) = (state[0], state[1], state[2], state[3], state[4], state[5], state[6], state[7])
            Self.roundConstants.withUnsafeBufferPointer { k in
                for i in 0..<64 {
                    let s1 = e.rotatedRight(6) ^ e.rotatedRight(11) ^ e.rotatedRight(25)
                    let choice = (e & f) ^ (~e & g)
                    let t1 = h &+ s1 &+ choice &+ k[i] &+ w[i]
                    let s0 = a.rotatedRight(2) ^ a.rotatedRight(13) ^ a.rotatedRight(22)
                    let majority = (a & b) ^ (a & c) ^ (b & c)
                    (h, g, f, e, d, c, b, a) = (g, f, e, d &+ t1, c, b, a, t1 &+ s0 &+ majority)
                }
            }
            state[0] &+= a; state[1] &+= b; state[2] &+= c; state[3] &+= d
            state[4] &+= e; state[5] &+= f; state[6] &+= g; state[7] &+= h
        }
    }

    /// The SHA-256 of a file, read in 1 MiB pieces.
    /// - Throws: `ExportError.output` when the file cannot be read.
    public static func hexDigest(ofFile path: String) throws -> String {
        try hexDigest(ofFile: path, usesHardwareBlocks: hasHardwareBlocks)
    }

    static func hexDigest(ofFile path: String, usesHardwareBlocks: Bool) throws -> String {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw ExportError.output("cannot read \(path) to hash it: \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        var hasher = SHA256(usesHardwareBlocks: usesHardwareBlocks)
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

private extension UInt32 {
    func rotatedRight(_ count: UInt32) -> UInt32 { (self >> count) | (self << (32 - count)) }
}
