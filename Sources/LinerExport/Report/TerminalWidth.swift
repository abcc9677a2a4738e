import Foundation

/// How many columns the terminal on standard error has, for a progress bar that fits on one line.
public enum TerminalWidth {
    /// The terminal's width (`TIOCGWINSZ` on standard error), else `$COLUMNS`, else 80.
    public static func current(environment: [String: String] = ProcessInfo.processInfo.environment) -> Int {
        var size = winsize()
        if ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return columns(environment: environment)
    }

    /// `$COLUMNS` when it is a positive number, else 80.
    static func columns(environment: [String: String]) -> Int {
        environment["COLUMNS"].flatMap(Int.init).flatMap { $0 > 0 ? $0 : nil } ?? 80
    }
}
