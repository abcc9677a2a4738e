/// How a valid phone number is written out.
public enum PhoneFormat: String, Sendable, Codable, CaseIterable {
    /// `+79001234567`: no spaces, the form other systems match on.
    case e164
    /// `+7 900 123-45-67`: the country code plus the country's own grouping.
    case international
    /// `8 (900) 123-45-67`: as dialled inside the number's own country.
    case national
}
