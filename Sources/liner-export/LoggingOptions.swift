import ArgumentParser
import Foundation
import LinerExport
import Logging

/// `--verbose` / `--quiet` / `--log-format`, shared by the commands that run an export.
struct LoggingOptions: ParsableArguments {
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Flag(name: .shortAndLong, help: "Log every page and request (debug level).")
    var verbose = false

    @Flag(name: .shortAndLong, help: "Log only warnings and errors.")
    var quiet = false

    @Option(help: "Log lines as plain text, or as one JSON object per line (for journald, Loki).")
    var logFormat = Format.text

    /// Progress on stderr: a bar on a terminal, a log line every 10 s otherwise, none with `--quiet`.
    func progressReporter(_ logger: Logger) -> ProgressReporter? {
        guard !quiet else { return nil }
        return ProgressReporter(style: isatty(STDERR_FILENO) == 1 && logFormat == .text ? .bar : .lines, logger: logger)
    }

    /// A logger writing to stderr at the chosen level and format.
    func makeLogger() -> Logger {
        var logger: Logger
        switch logFormat {
        case .text: logger = Logger(label: "liner-export") { StreamLogHandler.standardError(label: $0) }
        case .json: logger = Logger(label: "liner-export") { JSONLogHandler(label: $0) }
        }
        logger.logLevel = verbose ? .debug : (quiet ? .warning : .info)
        return logger
    }
}
