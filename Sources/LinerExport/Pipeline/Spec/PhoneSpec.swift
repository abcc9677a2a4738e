/// Phone normalization (`phone`, `telegramPhone`) with libphonenumber.
public struct PhoneSpec: Sendable, Equatable {
    /// Off keeps phones exactly as they came. Default true.
    public var enabled: Bool
    /// Region for numbers written without a country code (ISO 3166, two capital letters, e.g. `RU`).
    /// Default `RU`.
    public var defaultRegion: String
    /// How a valid number is written. Default `e164`.
    public var format: PhoneFormat
    /// What becomes of a number libphonenumber rejects: `keep` (default), `empty` or `fail`.
    public var invalid: InvalidPhonePolicy

    /// Phone normalization built in code, with the pipeline file's defaults.
    ///
    /// A value built in code is trusted: unlike a decoded file, nothing here checks that
    /// `defaultRegion` is two capital letters.
    public init(
        enabled: Bool = true,
        defaultRegion: String = "RU",
        format: PhoneFormat = .e164,
        invalid: InvalidPhonePolicy = .keep
    ) {
        self.enabled = enabled
        self.defaultRegion = defaultRegion
        self.format = format
        self.invalid = invalid
    }
}
