/// Which custom fields become columns, and their names.
///
/// In a pipeline file `"auto"` (default): a column for every field the account's `/v2/custom-field/`
/// list names, plus the ids of `names`; `"none"`: only the ids of `names`. Either way an object maps
/// ids to column names.
public struct CustomFieldSpec: Sendable, Equatable {
    /// True for `auto`: every field the account lists becomes a column. Default true.
    public var discoversFields: Bool
    /// Column name per custom field id; ids not named here are called `custom.<id>`. Default empty.
    public var names: [Int: String]

    /// Custom fields built in code, with the pipeline file's defaults.
    public init(discoversFields: Bool = true, names: [Int: String] = [:]) {
        self.discoversFields = discoversFields
        self.names = names
    }
}
