/// Every way a run can fail, each with the exit code the CLI returns for it.
///
/// The message is written for the person reading the terminal or the cron mail; it never holds the token.
/// Two errors are equal when they are of the same kind (`==` compares `kind`, not the message), so a
/// test can say which failure it expects.
public struct ExportError: Error, CustomStringConvertible, Sendable, Equatable {
    private enum Code: String, Sendable {
        case badPipeline, badArguments, missingCredentials, authenticationRefused, badRequest, serverRefused
        case badResponse, transport, incomplete, output, interrupted, deadlineExceeded, locked, state, warningsRefused
    }

    private let code: Code
    /// One sentence for a person.
    public let message: String
    /// The error of another layer this one reports (a file system or transport error), kept as it
    /// was thrown; nil when the failure started here.
    public let underlying: (any Error)?
    /// What running the same command again does, when it resumes this run (`running the same command
    /// again resumes the run (3 of 7 windows done, kept in state/q1.json)`); nil when it starts afresh.
    public let resumeHint: String?

    private init(code: Code, message: String, underlying: (any Error)? = nil, resumeHint: String? = nil) {
        self.code = code
        self.message = message
        self.underlying = underlying
        self.resumeHint = resumeHint
    }

    public static func == (lhs: ExportError, rhs: ExportError) -> Bool { lhs.code == rhs.code }

    /// Whether another run held the pipeline's lock, so this one did nothing.
    var isLocked: Bool { code == .locked }

    /// The same failure, its message passed through `transform` (`APIKey.redacting(_:)` uses it).
    func mappingMessage(_ transform: (String) -> String) -> ExportError {
        .init(code: code, message: transform(message), underlying: underlying, resumeHint: resumeHint)
    }

    /// The same failure with `hint` as its resume hint; as it is when `hint` is nil, or when running
    /// again cannot help as it is (a pipeline to fix, warnings the pipeline refuses, another run going).
    func resuming(_ hint: String?) -> ExportError {
        guard let hint, ![.badPipeline, .warningsRefused, .locked].contains(code) else { return self }
        return .init(code: code, message: message, underlying: underlying, resumeHint: hint)
    }

    /// The message, with the resume hint after it when there is one: the line the CLI prints.
    public var messageWithResumeHint: String {
        resumeHint.map { message + "; " + $0 } ?? message
    }

    /// A short stable name, fit for a metric label or log field (`bad_pipeline`, `authentication_refused`).
    public var kind: String {
        code.rawValue.reduce(into: "") { result, character in
            if character.isUppercase { result += "_" + character.lowercased() } else { result.append(character) }
        }
    }

    public var description: String { message }

    /// Process exit code: 2 bad pipeline, arguments or credentials setup, 3 authentication refused, 1 anything else
    /// (nothing was published). Exit code 4, published with warnings, is not an error: see `RunSummary.exitCode`.
    public var exitCode: Int32 {
        switch code {
        case .badPipeline, .badArguments, .missingCredentials: return 2
        case .authenticationRefused: return 3
        default: return 1
        }
    }

    /// This error with the pipeline file's path in front, as the loader's errors have it, when it is
    /// about the pipeline but was found after loading (a window whose "from" is after its "to" once
    /// resolved, an output folder that cannot be made); any other error as it is.
    public func naming(pipelineFile path: String) -> ExportError {
        guard code == .badPipeline, !message.hasPrefix(path + ": ") else { return self }
        return .badPipeline("\(path): \(message)", underlying: underlying)
    }

    /// The pipeline file is wrong; nothing was fetched or written.
    public static func badPipeline(_ message: String, underlying: (any Error)? = nil) -> ExportError {
        .init(code: .badPipeline, message: message, underlying: underlying)
    }
    /// A command-line option is wrong (`--from`, `--output-dir`, `--columns`); nothing was fetched or written.
    public static func badArguments(_ message: String, underlying: (any Error)? = nil) -> ExportError {
        .init(code: .badArguments, message: message, underlying: underlying)
    }
    /// The token could not be found.
    public static func missingCredentials(_ message: String, underlying: (any Error)? = nil) -> ExportError {
        .init(code: .missingCredentials, message: message, underlying: underlying)
    }
    /// The API refused the token (401/403).
    public static func authenticationRefused(_ message: String, underlying: (any Error)? = nil) -> ExportError {
        .init(code: .authenticationRefused, message: message, underlying: underlying)
    }
    /// The API refused the request's parameters (400).
    public static func badRequest(_ message: String, underlying: (any Error)? = nil) -> ExportError {
        .init(code: .badRequest, message: message, underlying: underlying)
    }
    /// The API kept failing (5xx, 429, `success: false`) after every retry.
    public static func serverRefused(_ message: String, underlying: (any Error)? = nil) -> ExportError {
        .init(code: .serverRefused, message: message, underlying: underlying)
    }
    /// The API answered something that is not the documented envelope.
    public static func badResponse(_ message: String, underlying: (any Error)? = nil) -> ExportError {
        .init(code: .badResponse, message: message, underlying: underlying)
    }
    /// The connection failed or timed out after every retry.
    public static func transport(_ message: String, underlying: (any Error)? = nil) -> ExportError {
        .init(code: .transport, message: message, underlying: underlying)
    }
    /// The leads fetched do not add up to what the server said it has.
    public static func incomplete(_ message: String, underlying: (any Error)? = nil) -> ExportError {
        .init(code: .incomplete, message: message, underlying: underlying)
    }
    /// An output file could not be written or published.
    public static func output(_ message: String, underlying: (any Error)? = nil) -> ExportError {
        .init(code: .output, message: message, underlying: underlying)
    }
    /// The run passed `source.deadlineSeconds`.
    public static func deadlineExceeded(_ message: String, underlying: (any Error)? = nil) -> ExportError {
        .init(code: .deadlineExceeded, message: message, underlying: underlying)
    }
    /// Another run of the same pipeline holds the state's lock or the outputs' lock.
    public static func locked(_ message: String, underlying: (any Error)? = nil) -> ExportError {
        .init(code: .locked, message: message, underlying: underlying)
    }
    /// The state file or its spool could not be read or written.
    public static func state(_ message: String, underlying: (any Error)? = nil) -> ExportError {
        .init(code: .state, message: message, underlying: underlying)
    }
    /// The run counted warnings and the pipeline's `onWarnings` is `fail`.
    public static func warningsRefused(_ message: String, underlying: (any Error)? = nil) -> ExportError {
        .init(code: .warningsRefused, message: message, underlying: underlying)
    }
    /// The run was cancelled (SIGINT/SIGTERM).
    public static func interrupted(_ message: String, underlying: (any Error)? = nil) -> ExportError {
        .init(code: .interrupted, message: message, underlying: underlying)
    }
}
