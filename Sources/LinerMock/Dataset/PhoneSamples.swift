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
        let ext = Int((numberDraw >> 48) % 999) + 1
        // Texts are assembled as bytes: string interpolation costs several times more, and
        // two phones are built for every lead served.
        var text = PhoneText()
        switch shape {
        case .plusSevenCompact:
            text.append("+7")
            text.append(prefix, width: 3)
            text.append(subscriber, width: 7)
        case .eightCompact:
            text.append("8")
            text.append(prefix, width: 3)
            text.append(subscriber, width: 7)
        case .eightFormatted:
            text.append("8 (")
            text.append(prefix, width: 3)
            text.append(") ")
            text.appendDashed(subscriber)
        case .tenDigits:
            text.append(prefix, width: 3)
            text.append(subscriber, width: 7)
        case .plusSevenSpaced:
            text.append("+7 ")
            text.append(prefix, width: 3)
            text.append(" ")
            text.appendDashed(subscriber)
        case .sevenSpaced:
            text.append("7 ")
            text.append(prefix, width: 3)
            text.append(" ")
            text.append(subscriber, width: 7)
        case .extensionRussian:
            text.append("+7 ")
            text.append(prefix, width: 3)
            text.append(" ")
            text.appendDashed(subscriber)
            text.append(" доб. ")
            text.append(ext, width: 1)
        case .extensionEnglish:
            text.append("+7 (")
            text.append(prefix, width: 3)
            text.append(") ")
            text.appendDashed(subscriber)
            text.append(" ext. ")
            text.append(ext, width: 1)
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
        var e164 = PhoneText()
        e164.append("+7")
        e164.append(prefix, width: 3)
        e164.append(subscriber, width: 7)
        return PhoneSample(raw: text.string, e164: e164.string)
    }
}

/// A phone text built byte by byte in inline storage: two phones are built for every lead
/// served, and a heap array for each was a measurable share of rendering a page.
private struct PhoneText {
    /// Room for the longest shape, "+7 (900) 123-45-67 ext. 999" / "... доб. 999" (30 bytes).
    private static let capacity = 40
    private var storage: (UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0)
    private var count = 0

    var string: String {
        withUnsafeBytes(of: storage) { String(decoding: UnsafeRawBufferPointer(rebasing: $0[..<count]), as: UTF8.self) }
    }

    mutating func append(_ text: StaticString) {
        text.withUTF8Buffer { bytes in
            for byte in bytes { appendByte(byte) }
        }
    }

    /// `value` in decimal, zero-padded to at least `width` digits.
    mutating func append(_ value: Int, width: Int) {
        var digits = 1
        var limit = 10
        while value >= limit {
            digits += 1
            limit *= 10
        }
        let length = max(width, digits)
        precondition(count + length <= Self.capacity, "phone text longer than \(Self.capacity) bytes")
        let start = count
        count += length
        withUnsafeMutableBytes(of: &storage) { bytes in
            let end = bytes.baseAddress!.assumingMemoryBound(to: UInt8.self) + start + length
            ByteCopy.writeDigits(UInt64(value), width: length, endingAt: end)
        }
    }

    /// A seven-digit subscriber number as "123-45-67".
    mutating func appendDashed(_ subscriber: Int) {
        append(subscriber / 10_000, width: 3)
        append("-")
        append(subscriber / 100 % 100, width: 2)
        append("-")
        append(subscriber % 100, width: 2)
    }

    private mutating func appendByte(_ byte: UInt8) {
        precondition(count < Self.capacity, "phone text longer than \(Self.capacity) bytes")
        let position = count
        withUnsafeMutableBytes(of: &storage) { $0[position] = byte }
        count += 1
    }
}
