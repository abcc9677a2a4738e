import Foundation

/// A tracked-leads file opened for reading: never through a symlink, only a regular file, read with
/// `pread` so that reads at any offset need no shared position. Closed with its owner.
final class TrackedLeadFile {
    let path: String
    /// The file's size when it was opened.
    let byteCount: Int
    private let descriptor: Int32

    /// - Throws: `ExportError.state` naming the file when it is missing, a symlink or not a regular file.
    init(path: String) throws {
        self.path = path
        let opened = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard opened >= 0 else {
            let reason = errno == ELOOP ? "it is a symlink" : String(cString: strerror(errno))
            throw TrackedLeadStore.damaged(path, reason)
        }
        var status = stat()
        guard fstat(opened, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
            Foundation.close(opened)
            throw TrackedLeadStore.damaged(path, "it is not a regular file")
        }
        descriptor = opened
        byteCount = Int(status.st_size)
    }

    deinit {
        Foundation.close(descriptor)
    }

    /// Fills `buffer` with the bytes from `offset` on, or as many as there are before the end.
    /// - Returns: how many bytes were read: fewer than `buffer.count` only at the end of the file.
    /// - Throws: `ExportError.state` naming the file when reading fails.
    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws -> Int {
        var done = 0
        while done < buffer.count {
            let count = pread(descriptor, buffer.baseAddress! + done, buffer.count - done, off_t(offset + done))
            if count < 0 {
                if errno == EINTR { continue }
                throw ExportError.state("cannot read the tracked leads \(path): \(String(cString: strerror(errno)))")
            }
            if count == 0 { break }
            done += count
        }
        return done
    }

    /// The line that starts at `offset`, without its newline.
    /// - Throws: `ExportError.state` naming the file when the file ends before the newline.
    func line(at offset: Int) throws -> [UInt8] {
        var line: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        var position = offset
        while true {
            let count = try chunk.withUnsafeMutableBytes { try read(into: $0, at: position) }
            if let newline = chunk[..<count].firstIndex(of: UInt8(ascii: "\n")) {
                line.append(contentsOf: chunk[..<newline])
                return line
            }
            guard count == chunk.count else {
                throw TrackedLeadStore.damaged(path, "the line at byte \(offset) has no end")
            }
            line.append(contentsOf: chunk)
            position += count
            if chunk.count < 1 << 20 { chunk = [UInt8](repeating: 0, count: chunk.count * 4) }
        }
    }
}
