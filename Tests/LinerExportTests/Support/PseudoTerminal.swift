import Foundation
import Synchronization

/// A pseudo-terminal of a given width, for running a program whose standard error is a terminal
/// (`isatty` true, `TIOCGWINSZ` tells the width) and reading everything it wrote there.
final class PseudoTerminal: Sendable {
    /// The program's side: pass it as the process's standard error, then call `programStarted()`.
    let programSide: FileHandle
    private let controller: Int32
    private let output = Mutex(Data())
    private let finished = DispatchSemaphore(value: 0)

    init(columns: UInt16, rows: UInt16 = 24) throws {
        // The C library's pseudo-terminal calls, which Swift's Glibc module does not declare.
        let library = dlopen(nil, RTLD_NOW)
        func function<F>(_ name: String, as type: F.Type) throws -> F {
            guard let symbol = dlsym(library, name) else { throw ProgramFailed(description: "no \(name) in the C library") }
            return unsafeBitCast(symbol, to: type)
        }
        let openController = try function("posix_openpt", as: (@convention(c) (Int32) -> Int32).self)
        let grant = try function("grantpt", as: (@convention(c) (Int32) -> Int32).self)
        let unlock = try function("unlockpt", as: (@convention(c) (Int32) -> Int32).self)
        let programName = try function("ptsname", as: (@convention(c) (Int32) -> UnsafeMutablePointer<CChar>?).self)
        controller = openController(O_RDWR | O_NOCTTY)
        guard controller >= 0, grant(controller) == 0, unlock(controller) == 0, let name = programName(controller) else {
            throw ProgramFailed(description: "no pseudo-terminal: \(String(cString: strerror(errno)))")
        }
        let program = open(name, O_RDWR | O_NOCTTY)
        guard program >= 0 else { throw ProgramFailed(description: "cannot open \(String(cString: name))") }
        var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(program, UInt(TIOCSWINSZ), &size)
        programSide = FileHandle(fileDescriptor: program, closeOnDealloc: true)
        // Read as it comes, so a program writing a lot never blocks on a full terminal buffer.
        Thread.detachNewThread { [self] in readUntilClosed() }
    }

    private func readUntilClosed() {
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(controller, &buffer, buffer.count)
            // EIO once every copy of the program's side is closed: the program is gone.
            if count <= 0 { break }
            output.withLock { $0.append(contentsOf: buffer[0..<count]) }
        }
        finished.signal()
    }

    /// Closes this process's copy of the program's side, so the reader sees the end when the program exits.
    func programStarted() throws { try programSide.close() }

    /// Everything the program wrote, once it has exited and `programStarted()` was called.
    func readAll() -> String {
        finished.wait()
        close(controller)
        return String(decoding: output.withLock { $0 }, as: UTF8.self)
    }
}
