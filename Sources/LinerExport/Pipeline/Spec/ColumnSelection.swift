/// One entry of `columns`: `"*"` (every field, custom fields included), `"default"` (the default
/// set, custom fields included), `"custom.*"` (every custom field), a field name (`"phone"`,
/// `"custom.10"`) or `{"field": "phone", "as": "Телефон"}`.
public enum ColumnSelection: Sendable, Equatable {
    /// `"*"`: every lead field, then every custom field.
    case all
    /// `LeadField.defaultNames`, then every custom field: what a pipeline without `columns` gets.
    case defaults
    /// `"custom.*"`: every custom field.
    case allCustomFields
    /// One lead field or `custom.<id>`, titled `title` (nil: its usual title). Built in code, the
    /// name is trusted: decoding a file checks that it names a field and that a title is not empty.
    case field(String, title: String?)
}
