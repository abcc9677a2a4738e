/// How raw leads are turned into clean columns.
public struct NormalizeSpec: Sendable, Equatable {
    /// Phone normalization. Default: on, region `RU`, E.164, invalid numbers kept.
    public var phones: PhoneSpec
    /// Date normalization. Default: written in the window's zone, read in `Europe/Moscow`.
    public var dates: DateSpec
    /// Which custom fields become columns, and their names. Default: every field the account lists.
    public var customFields: CustomFieldSpec

    /// Normalization built in code, with the pipeline file's defaults.
    public init(
        phones: PhoneSpec = PhoneSpec(),
        dates: DateSpec = DateSpec(),
        customFields: CustomFieldSpec = CustomFieldSpec()
    ) {
        self.phones = phones
        self.dates = dates
        self.customFields = customFields
    }
}
