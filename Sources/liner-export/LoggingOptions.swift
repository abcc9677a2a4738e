import ArgumentParser
import Logging

/// `--verbose` / `--quiet`, shared by the commands that run an export.
struct LoggingOptions: ParsableArguments {
    @Flag(name: .shortAndLong, help: "Log every page and request (debug level).")
    var verbose = false

    @Flag(name: .shortAndLong, help: "Log only warnings and errors.")
    var quiet = false

    /// A logger writing to stderr at the chosen level.
    func makeLogger() -> Logger {
        var logger = Logger(label: "liner-export") { StreamLogHandler.standardError(label: $0) }
        logger.logLevel = verbose ? .debug : (quiet ? .warning : .info)
        return logger
    }
}
