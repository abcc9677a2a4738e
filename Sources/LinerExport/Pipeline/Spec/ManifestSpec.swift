/// Where a run's manifest goes: `"manifest": {"path": "exports/{name}-{from}.manifest.json"}`.
public struct ManifestSpec: Sendable, Equatable {
    /// The manifest's path, with the outputs' placeholders `{name}`, `{from}` and `{to}` (not
    /// `{part}`), so each window's export can keep a manifest of its own.
    public var path: String

    /// A manifest path built in code. A value built in code is trusted: unlike a decoded file,
    /// nothing here checks the placeholders or that no output has the same path.
    public init(path: String) {
        self.path = path
    }
}
