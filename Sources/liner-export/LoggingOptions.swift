import ArgumentParser
import Foundation
import LinerExport
import Logging

/// `--verbose` / `--trace` / `--quiet` / `--log-format`, shared by the commands that fetch leads.
struct LoggingOptions: ParsableArguments {
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Flag(name: .shortAndLong, help: "Log every page and one line per HTTP request (debug level).")
    var verbose = false

    @Flag(help: "Log what --verbose does and the HTTP client's own workings (trace level).")
    var trace = false

    @Flag(name: .shortAndLong, help: "Log only warnings and errors.")
    var quiet = false

    @Option(help: "Log lines as plain text, or as one JSON object per line (for journald, Loki).")
    var logFormat = Format.text

    /// Whether progress is a bar redrawn on stderr (a terminal, text logs) rather than log lines.
    private var drawsBar: Bool { isatty(STDERR_FILENO) == 1 && logFormat == .text }

    /// Progress on stderr: a bar on a terminal, a log line every 10 s otherwise, none with `--quiet`.
    func progressReporter(_ logger: Logger) -> ProgressReporter? {
        guard !quiet else { return nil }
        return ProgressReporter(style: drawsBar ? .bar : .lines, logger: logger, statusLine: standardErrorStatusLine)
    }

    /// A logger writing to stderr at the chosen level and format; above the progress bar when there is one.
    func makeLogger() -> Logger {
        let drawsBar = drawsBar && !quiet
        var logger = Logger(label: "liner-export") { [logFormat] label in
            let handler: any LogHandler = switch logFormat {
            case .text: StreamLogHandler.standardError(label: label)
            case .json: JSONLogHandler(label: label)
            }
            return drawsBar ? StatusLineLogHandler(handler, statusLine: standardErrorStatusLine) : handler
        }
        logger.logLevel = trace ? .trace : verbose ? .debug : (quiet ? .warning : .info)
        return logger
    }

    /// Prints why a run failed on stderr: `Error: …`, or with `--log-format json` a JSON log line at
    /// error level, so the stream stays one JSON object a line.
    func printError(_ message: String, exitCode: Int32) {
        switch logFormat {
        case .text:
            FileHandle.standardError.write(Data("Error: \(message)\n".utf8))
        case .json:
            Logger(label: "liner-export") { JSONLogHandler(label: $0) }
                .error("\(message)", metadata: ["exitCode": .stringConvertible(exitCode)])
        }
    }
}

/// The bottom line of stderr the progress bar is drawn on, shared with the log handler.
let standardErrorStatusLine = StatusLine()
