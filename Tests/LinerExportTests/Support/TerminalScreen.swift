import Logging

/// What a terminal shows after receiving `output`: the lines that scrolled up (ended by a newline) and
/// the bottom line, with `\r` moving to the start of the line and `ESC [ K` erasing the rest of it.
/// Enough of a terminal to tell whether a log line landed on a progress bar.
struct TerminalScreen {
    /// Lines ended by a newline, as they stayed on screen.
    private(set) var lines: [String] = []
    /// The line the cursor is on.
    private(set) var bottom = ""
    /// Every text drawn after `\r ESC [ K` and left on the line (not ended by a newline): the frames of a bar.
    private(set) var frames: [String] = []

    init(_ output: String) {
        var line: [Character] = []
        var cursor = 0
        var frame: String?
        var characters = output[...]
        func put(_ character: Character) {
            if cursor < line.count { line[cursor] = character } else { line.append(character) }
            cursor += 1
            frame?.append(character)
        }
        func endFrame() {
            if let frame, !frame.isEmpty { frames.append(frame) }
            frame = nil
        }
        while let character = characters.popFirst() {
            switch character {
            case "\r\n", "\n":
                frame = nil
                lines.append(String(line))
                line = []
                cursor = 0
            case "\r":
                endFrame()
                cursor = 0
            case "\u{1B}":
                // Only `ESC [ K` (erase to the end of the line) is expected.
                guard characters.hasPrefix("[K") else { put(character); continue }
                characters = characters.dropFirst(2)
                line.removeSubrange(min(cursor, line.count)...)
                if cursor == 0 { frame = "" }
            default:
                put(character)
            }
        }
        endFrame()
        bottom = String(line)
    }
}

/// A log handler that writes each message as one line through `write`, as a stream handler would.
struct LineHandler: LogHandler {
    let write: @Sendable (String) -> Void
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace
    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) { write("\(event.message)") }
}
