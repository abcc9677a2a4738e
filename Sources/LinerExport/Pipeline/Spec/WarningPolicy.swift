/// What a run does when it finished but counted warnings (values kept as they came, leads without id,
/// windows the server could not make consistent).
public enum WarningPolicy: String, Sendable, CaseIterable {
    /// Publish and exit 0 (the default: bad values are kept and counted, not fatal).
    case ignore
    /// Publish and exit 4, so a scheduler can tell "published, look at the warnings" from success.
    case exit4 = "exit-4"
    /// Publish nothing and exit 1.
    case fail
}
