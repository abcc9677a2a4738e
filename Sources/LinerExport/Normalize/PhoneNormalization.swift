/// The outcome of normalizing one raw phone value.
public enum PhoneNormalization: Sendable, Equatable {
    /// Nothing to normalize: the value was null, empty or whitespace only.
    case empty
    /// A valid number.
    /// - Parameters:
    ///   - formatted: the number in the requested `PhoneFormat`, without its extension.
    ///   - extension: the extension digits (`"доб. 12"` gives `"12"`), or nil.
    ///   - region: the ISO 3166 region the number belongs to, such as `"RU"`
    ///     (`"001"` for non-geographic numbers).
    ///   - lineType: the kind of line.
    case valid(formatted: String, extension: String?, region: String, lineType: PhoneLineType)
    /// Not a valid phone number. The caller keeps the raw value and counts it.
    case invalid
}
