import Foundation

/// The Liner integration token. Its description is redacted, so it cannot leak through a log line,
/// an error message or string interpolation by accident.
public struct APIKey: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    let value: String

    public init(_ value: String) { self.value = value }

    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }

    /// Reads the token from `source.apiKeyFile` when set, else from the environment variable `source.apiKeyEnv`.
    /// - Throws: `ExportError.missingCredentials` naming where it looked (never what it found).
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
            return APIKey(token)
        }
        let token = environment[source.apiKeyEnv]?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        guard !token.isEmpty else {
            throw ExportError.missingCredentials(
                "the environment variable \(source.apiKeyEnv) (source.apiKeyEnv) holds no API token; "
                    + "export it, or point source.apiKeyFile at a file that holds it")
        }
        return APIKey(token)
    }
}
