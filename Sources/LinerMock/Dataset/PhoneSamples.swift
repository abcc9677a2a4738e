/// A phone as the API sends it, and the E.164 number it denotes.
struct PhoneSample: Sendable, Equatable {
    /// The exact text of the field; nil renders JSON `null`.
    var raw: String?
    /// The E.164 number libphonenumber (default region RU) finds valid in `raw`, else nil.
    var e164: String?
}

/// The shapes phones arrive in.
///
/// Every shape with an `e164` was checked against libphonenumber 8.12 (Debian's, the one
/// Sources/PhoneShim links): parsed with default region "RU", `IsValidNumber` true, E.164 as
/// given (an extension is parsed out and is not part of E.164). Russian mobiles are
/// +7 9XX XXX-XX-XX, which libphonenumber accepts for every 9XX prefix; the mock sticks to
/// prefixes operators really use.
enum PhoneSamples {
    enum Shape: Int, CaseIterable {
        case plusSevenCompact  // +79001234567
        case eightCompact  // 89001234567
        case eightFormatted  // 8 (900) 123-45-67
        case tenDigits  // 9001234567
        case plusSevenSpaced  // +7 900 123-45-67
        case sevenSpaced  // 7 900 1234567
        case extensionRussian  // +7 900 123-45-67 доб. 12
        case extensionEnglish  // +7 (900) 123-45-67 ext. 12
        case foreign  // +1 650 253 0000 and friends
        case garbage  // не указан, 12345, +7 000, ...
        case empty  // ""
        case null  // JSON null
    }

    /// Per-mille weights of `Shape` (in case order) for `phone`.
    static let phoneWeights = [250, 100, 80, 70, 80, 70, 30, 20, 60, 80, 80, 80]
    /// Per-mille weights of `Shape` (in case order) for `telegramPhone`: mostly absent.
    static let telegramWeights = [250, 100, 0, 0, 50, 30, 0, 0, 30, 40, 200, 300]

    /// Well-known valid foreign numbers: (as sent, E.164).
    static let foreignNumbers: [(String, String)] = [
        ("+1 650 253 0000", "+16502530000"),
        ("+380 44 123 4567", "+380441234567"),
        ("+998 90 123 45 67", "+998901234567"),
        ("+49 30 123456", "+4930123456"),
    ]

    /// Texts that are not a valid number anywhere (libphonenumber: not a number, too short or
    /// too long for Russia).
    static let garbage = ["не указан", "12345", "+7 000", "нет телефона", "000", "+7900123456789"]

    /// Mobile prefixes in use by Russian operators.
    static let mobilePrefixes: [Int] = Array(900...906) + [908, 909] + Array(910...939)
        + Array(950...953) + [958] + Array(960...969) + [977, 978] + Array(980...989) + Array(991...999)

    /// The phone drawn for one lead field.
    static func sample(shapeDraw: Int, numberDraw: UInt64, weights: [Int]) -> PhoneSample {
        let shape = Shape(rawValue: pickBucket(shapeDraw, weights)) ?? .null
        let prefix = mobilePrefixes[Int(numberDraw % UInt64(mobilePrefixes.count))]
        let subscriber = Int((numberDraw >> 16) % 10_000_000)
        let national = prefix * 10_000_000 + subscriber
        let e164 = "+7\(national)"
        switch shape {
        case .plusSevenCompact:
            return PhoneSample(raw: e164, e164: e164)
        case .eightCompact:
            return PhoneSample(raw: "8\(national)", e164: e164)
        case .eightFormatted:
            return PhoneSample(raw: "8 (\(prefix)) " + dashed(subscriber), e164: e164)
        case .tenDigits:
            return PhoneSample(raw: "\(national)", e164: e164)
        case .plusSevenSpaced:
            return PhoneSample(raw: "+7 \(prefix) " + dashed(subscriber), e164: e164)
        case .sevenSpaced:
            return PhoneSample(raw: "7 \(prefix) " + padded(subscriber, width: 7), e164: e164)
        case .extensionRussian:
            let ext = Int((numberDraw >> 48) % 999) + 1
            return PhoneSample(raw: "+7 \(prefix) " + dashed(subscriber) + " доб. \(ext)", e164: e164)
        case .extensionEnglish:
            let ext = Int((numberDraw >> 48) % 999) + 1
            return PhoneSample(raw: "+7 (\(prefix)) " + dashed(subscriber) + " ext. \(ext)", e164: e164)
        case .foreign:
            let (raw, valid) = foreignNumbers[Int((numberDraw >> 40) % UInt64(foreignNumbers.count))]
            return PhoneSample(raw: raw, e164: valid)
        case .garbage:
            return PhoneSample(raw: garbage[Int((numberDraw >> 40) % UInt64(garbage.count))], e164: nil)
        case .empty:
            return PhoneSample(raw: "", e164: nil)
        case .null:
            return PhoneSample(raw: nil, e164: nil)
        }
    }

    /// 1234567 -> "123-45-67".
    private static func dashed(_ subscriber: Int) -> String {
        let text = padded(subscriber, width: 7)
        let bytes = Array(text.utf8)
        return String(decoding: bytes[0..<3], as: UTF8.self) + "-"
            + String(decoding: bytes[3..<5], as: UTF8.self) + "-"
            + String(decoding: bytes[5..<7], as: UTF8.self)
    }

    private static func padded(_ value: Int, width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
