/// What becomes of a phone value libphonenumber finds invalid. Every policy counts it as
/// `invalid_phone` in the run summary, and the `<field>Valid` column says `false`.
public enum InvalidPhonePolicy: String, Sendable, CaseIterable {
    /// Write the raw value as it came (default): nothing the CRM holds is lost.
    case keep
    /// Leave the phone cell empty, for systems that must only ever receive valid numbers.
    case empty
    /// Stop the run (nothing is published), naming the lead and field.
    case fail
}
