import Foundation

/// The Liner integration token. Its description is redacted, so it cannot leak through a log line,
/// an error message or string interpolation by accident.
public struct APIKey: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    let value: String

    public init(_ value: String) { self.value = value }

    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }

    /// `text` with the token's value replaced by `<redacted>` wherever it occurs, and a token cut short
    /// by a shortened snippet (`…lnr.9f2…`) too: for messages quoting what a server sent back, which may
    /// echo the request's headers.
    func redacting(_ text: String) -> String {
        guard !value.isEmpty else { return text }
        var text = text.replacingOccurrences(of: value, with: description)
        if text.hasSuffix("…") {
            let kept = text.dropLast()
            // The longest head of the token the snippet ends with; four characters or fewer say little.
            if let length = stride(from: value.count - 1, to: 4, by: -1).first(where: { kept.hasSuffix(value.prefix($0)) }) {
                text = String(kept.dropLast(length)) + description + "…"
            }
        }
        return text
    }

    /// `error` with the token's value scrubbed from its message.
    func redacting(_ error: ExportError) -> ExportError {
        error.mappingMessage(redacting)
    }

    /// Reads the token from `source.apiKeyFile` when set, else from the environment variable `source.apiKeyEnv`.
    /// - Throws: `ExportError.missingCredentials` naming where it looked (never what it found), also when
    ///   the token holds a control character.
    public static func resolve(
        _ source: SourceSpec, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> APIKey {
        if let path = source.apiKeyFile {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw ExportError.missingCredentials("cannot read the API token file \(path) (source.apiKeyFile)")
            }
            let token = text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !token.isEmpty else {
                throw ExportError.missingCredentials("the API token file \(path) (source.apiKeyFile) is empty")
            }
            return try checked(token, from: "the API token file \(path) (source.apiKeyFile)")
        }
        let token = environment[source.apiKeyEnv]?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        guard !token.isEmpty else {
            throw ExportError.missingCredentials(
                "the environment variable \(source.apiKeyEnv) (source.apiKeyEnv) holds no API token; "
                    + "export it, or point source.apiKeyFile at a file that holds it")
        }
        return try checked(token, from: "the environment variable \(source.apiKeyEnv) (source.apiKeyEnv)")
    }

    /// `token` (already trimmed, so a file's final newline is gone) as a key.
    /// - Throws: `ExportError.missingCredentials` when a control character (C0 or DEL) is left inside it: an
    ///   HTTP header cannot carry one, and a CR or LF would split the request. Names the character, never the token.
    private static func checked(_ token: String, from place: String) throws -> APIKey {
        if let control = token.unicodeScalars.first(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            let code = String(format: "U+%04X", control.value)
            throw ExportError.missingCredentials(
                "\(place) holds a control character (\(code)) inside the API token; "
                    + "a token is one line of printable characters, check how it was pasted")
        }
        return APIKey(token)
    }
}
