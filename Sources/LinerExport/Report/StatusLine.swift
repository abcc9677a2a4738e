import Foundation
import Synchronization

/// The bottom line of a terminal that a progress bar redraws in place, shared with whatever else
/// writes to the same stream: a log line is printed above the bar (the bar is cleared, the line
/// printed, the bar drawn again), never onto it.
public final class StatusLine: Sendable {
    /// The text shown now; empty when nothing is.
    private let shown = Mutex("")
    private let write: @Sendable (String) -> Void

    /// - Parameter write: the stream the bar and the lines printed above it go to; standard error by default.
    public init(write: @escaping @Sendable (String) -> Void = StatusLine.writeToStandardError) {
        self.write = write
    }

    /// Replaces the line shown with `text`.
    public func show(_ text: String) {
        shown.withLock {
            $0 = text
            write("\r\u{1B}[K" + text)
        }
    }

    /// Removes the line, leaving the cursor at the start of an empty line.
    public func clear() {
        shown.withLock {
            guard !$0.isEmpty else { return }
            $0 = ""
            write("\r\u{1B}[K")
        }
    }

    /// Runs `print`, which writes whole lines to the same stream, with the line cleared before and drawn again after.
    public func printAbove(_ print: () -> Void) {
        shown.withLock { text in
            if !text.isEmpty { write("\r\u{1B}[K") }
            print()
            if !text.isEmpty { write("\r\u{1B}[K" + text) }
        }
    }

    public static let writeToStandardError: @Sendable (String) -> Void = { text in
        var text = text
        text.withUTF8 { _ = Foundation.write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }
}
