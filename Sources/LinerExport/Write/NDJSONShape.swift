/// How an NDJSON output lays out a lead.
public enum NDJSONShape: String, Sendable, CaseIterable {
    /// One key per column, in column order (what `pandas.read_json(lines=True)` turns into a table).
    case flat
    /// Lead fields as keys, and the custom field columns grouped in one `"customFields"` object
    /// (keyed by their titles), the way the API nests them: for document stores and `jq`.
    case nested
}
