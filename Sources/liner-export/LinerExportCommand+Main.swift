import ArgumentParser
import Foundation

extension LinerExportCommand {
    /// The entry point: argument parser's own, except that a usage error (an unknown option, a missing
    /// or invalid argument) exits 2, as documented, instead of the parser's 64 (`EX_USAGE`).
    /// `--help` and `--version` still exit 0, and a command's own `ExitCode` passes through.
    static func main() async {
        do {
            var command = try await asyncParseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch where exitCode(for: error) == .validationFailure {
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            exit(withError: ExitCode(2))
        } catch {
            exit(withError: error)
        }
    }
}
