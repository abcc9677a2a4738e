/// What a run does when it finished but counted warnings (values kept as they came, leads without id,
/// windows the server could not make consistent).
public enum WarningPolicy: String, Sendable, CaseIterable {
    /// Publish and exit 0 (the default: bad values are kept and counted, not fatal).
    case ignore
    /// Publish and exit 4, so a scheduler can tell "published, look at the warnings" from success.
    case exit4 = "exit-4"
    /// Publish nothing and exit 1.
    case fail

    static func decode<Key: CodingKey>(from container: KeyedDecodingContainer<Key>, forKey key: Key) throws -> WarningPolicy {
        guard let text = try container.decodeIfPresent(String.self, forKey: key) else { return .ignore }
        guard let policy = WarningPolicy(rawValue: text) else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: container,
                debugDescription: "expected one of \(allCases.map(\.rawValue).joined(separator: ", ")), got \"\(text)\"")
        }
        return policy
    }
}
