/// Fills the placeholders of an output path: `{name}`, `{from}`, `{to}`; `{part}` (files split by
/// `maxRowsPerFile`) is filled later, per file, by `part(_:in:)`.
public enum OutputPathTemplate {
    static let placeholders = ["name", "from", "to", "part"]

    /// Why `template` cannot be used, or nil when it can.
    static func problem(in template: String) -> String? {
        guard !template.isEmpty, !template.hasSuffix("/") else {
            return "expected a file path, got \"\(template)\""
        }
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            guard let close = rest[open...].firstIndex(of: "}") else {
                return "expected a closing \"}\" in \"\(template)\""
            }
            let name = String(rest[rest.index(after: open)..<close])
            guard placeholders.contains(name) else {
                return "expected placeholders {name}, {from}, {to} or {part}, got {\(name)} in \"\(template)\""
            }
            rest = rest[rest.index(after: close)...]
        }
        return nil
    }

    /// The path with every placeholder replaced.
    static func render(_ template: String, name: String, from: String, to: String) -> String {
        template
            .replacingOccurrences(of: "{name}", with: name)
            .replacingOccurrences(of: "{from}", with: from)
            .replacingOccurrences(of: "{to}", with: to)
    }

    /// The path of part `number` (1-based) of a split output: `{part}` becomes `001`, `002`, ….
    static func part(_ number: Int, in path: String) -> String {
        path.replacingOccurrences(of: "{part}", with: String(format: "%03d", number))
    }
}
