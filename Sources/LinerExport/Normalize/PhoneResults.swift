/// The outcome of each phone field of one lead, computed at most once however many columns
/// (`phone`, `phoneExtension`, `phoneValid`, ...) read it. Two fixed slots rather than a
/// dictionary: this is made once per lead.
struct PhoneResults {
    private var phone: PhoneNormalization?
    private var telegramPhone: PhoneNormalization?
    private var others: [String: PhoneNormalization] = [:]

    /// The outcome for `field`, normalizing `raw` with `phones` the first time.
    mutating func result(for field: String, raw: String, phones: PhoneNormalizer) -> PhoneNormalization {
        switch field {
        case "phone":
            if let phone { return phone }
            let result = phones.normalize(raw)
            phone = result
            return result
        case "telegramPhone":
            if let telegramPhone { return telegramPhone }
            let result = phones.normalize(raw)
            telegramPhone = result
            return result
        default:
            if let known = others[field] { return known }
            let result = phones.normalize(raw)
            others[field] = result
            return result
        }
    }
}
