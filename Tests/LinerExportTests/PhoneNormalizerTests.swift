import Foundation
import LinerTestSupport
import Testing

@testable import LinerExport

/// Expected outcomes below are libphonenumber 8.12.57's verdicts, checked by hand against the
/// numbering plans; a library upgrade that changes one should be looked at, not just accepted.
@Suite struct PhoneNormalizerTests {
    private static let russia = PhoneNormalizer(defaultRegion: "RU")

    // MARK: Russian mobiles in every shape people type

    @Test(arguments: PhoneNormalizerTests.russianMobileTexts)
    func russianMobileShapes(raw: String) {
        #expect(Self.russia.normalize(raw) == .valid(formatted: "+79001234567", extension: nil, region: "RU", lineType: .mobile))
    }

    // MARK: Extensions

    @Test(arguments: PhoneNormalizerTests.extensionTexts)
    func extensionsAreSplitOff(raw: String, extensionDigits: String) {
        let e164 = raw.contains("495") ? "+74951234567" : "+79001234567"
        let lineType: PhoneLineType = raw.contains("495") ? .fixedLine : .mobile
        #expect(Self.russia.normalize(raw) == .valid(formatted: e164, extension: extensionDigits, region: "RU", lineType: lineType))
    }

    @Test func extensionIsNotFormattedIntoTheNumber() {
        for format in PhoneFormat.allCases {
            let result = PhoneNormalizer(defaultRegion: "RU", format: format).normalize("+7 495 123-45-67 доб. 789")
            guard case .valid(let formatted, "789", "RU", .fixedLine) = result else {
                Issue.record("\(format): \(result)")
                continue
            }
            #expect(!formatted.contains("789") && !formatted.contains("ext") && !formatted.contains("доб"))
        }
    }

    // MARK: Foreign and fixed-line numbers, region and line type

    @Test(arguments: PhoneNormalizerTests.regionTexts)
    func regionsAndLineTypes(raw: String, e164: String, region: String, lineType: PhoneLineType) {
        #expect(Self.russia.normalize(raw) == .valid(formatted: e164, extension: nil, region: region, lineType: lineType))
    }

    // MARK: Formats

    @Test(arguments: PhoneNormalizerTests.formatTexts)
    func formats(raw: String, format: PhoneFormat, expected: String) {
        let result = PhoneNormalizer(defaultRegion: "RU", format: format).normalize(raw)
        guard case .valid(let formatted, _, _, _) = result else {
            Issue.record("\(raw) should be valid, got \(result)")
            return
        }
        #expect(formatted == expected)
    }

    // MARK: Default region

    @Test func defaultRegionDecidesNationalForms() {
        let us = PhoneNormalizer(defaultRegion: "us")  // case does not matter
        #expect(us.normalize("650-253-0000") == .valid(formatted: "+16502530000", extension: nil, region: "US", lineType: .fixedLineOrMobile))
        #expect(us.normalize("1-650-253-0000") == .valid(formatted: "+16502530000", extension: nil, region: "US", lineType: .fixedLineOrMobile))
        #expect(us.normalize("89001234567") == .invalid)
        #expect(us.normalize("+79001234567") == .valid(formatted: "+79001234567", extension: nil, region: "RU", lineType: .mobile))
        #expect(Self.russia.normalize("1-650-253-0000") == .invalid)
        #expect(PhoneNormalizer(defaultRegion: "XX").normalize("89001234567") == .invalid)
    }

    // MARK: Invalid and empty

    @Test(arguments: PhoneNormalizerTests.invalidTexts)
    func invalid(raw: String) {
        #expect(Self.russia.normalize(raw) == .invalid)
    }

    @Test(arguments: PhoneNormalizerTests.blankTexts)
    func blankIsEmpty(raw: String) {
        #expect(Self.russia.normalize(raw) == .empty)
    }

    @Test func nullIsEmpty() {
        #expect(Self.russia.normalize(nil as String?) == .empty)
        #expect(Self.russia.normalize("+79001234567" as String?) != .empty)
    }

    // MARK: Fast path

    @Test(arguments: PhoneNormalizerTests.canonicalTexts)
    func fastPathTakesCanonicalRussianMobiles(raw: String) {
        for format in PhoneFormat.allCases {
            let normalizer = PhoneNormalizer(defaultRegion: "RU", format: format)
            #expect(normalizer.normalizeCanonicalE164(raw) != nil)
            #expect(normalizer.normalizeCanonicalE164(raw) == normalizer.normalizeWithLibrary(raw))
        }
    }

    @Test(arguments: PhoneNormalizerTests.fastPathDeclinedTexts)
    func fastPathDeclinesEverythingElse(raw: String) {
        #expect(Self.russia.normalizeCanonicalE164(raw) == nil)
    }

    /// The fast path must answer exactly as libphonenumber does wherever it answers at all. Checked
    /// on every four-digit prefix `+79xxx`, on random numbers under several default regions, and on
    /// near misses (one character changed, dropped or added) that it must either decline or get right.
    /// Rerun with `LINER_TEST_SEED=<seed>` to reproduce a failure.
    @Test func fastPathMatchesLibrary() {
        let seed = SeededGenerator.testSeed()
        var random = SeededGenerator(seed: seed)
        var candidates: [String] = []
        for prefix in 0..<1000 {
            candidates.append("+79" + String(format: "%03d", prefix) + random.digits(6))
        }
        for _ in 0..<1000 {
            candidates.append("+79" + random.digits(9))
        }
        let alphabet = Array("0123456789+ -()#x.\u{00A0}٣９")
        for _ in 0..<1500 {
            let characters = Array("+79" + random.digits(9))
            candidates.append(Self.nearMiss(characters, alphabet: alphabet, using: &random))
        }

        let (taken, mismatches) = Self.compareWithLibrary(candidates) { $0.normalizeCanonicalE164($1) }
        #expect(mismatches.isEmpty, "seed \(seed): \(mismatches.joined(separator: "; "))")
        #expect(taken >= 2000, "seed \(seed): the fast path answered only \(taken) times")
    }

    @Test(arguments: PhoneNormalizerTests.nationalFastPathTexts)
    func nationalFastPathTakesCommonRussianShapes(raw: String) {
        for format in PhoneFormat.allCases {
            let normalizer = PhoneNormalizer(defaultRegion: "RU", format: format)
            #expect(normalizer.normalizeRussianMobileText(raw) != nil, "\(raw)")
            #expect(normalizer.normalizeRussianMobileText(raw) == normalizer.normalizeWithLibrary(raw), "\(raw)")
        }
    }

    @Test(arguments: PhoneNormalizerTests.nationalFastPathDeclinedTexts)
    func nationalFastPathDeclinesOtherShapes(raw: String) {
        #expect(Self.russia.normalizeRussianMobileText(raw) == nil, "\(raw)")
    }

    @Test func nationalFastPathLeavesOtherRegionsToTheLibrary() {
        let us = PhoneNormalizer(defaultRegion: "US")
        #expect(us.normalizeRussianMobileText("89001234567") == nil)
        #expect(us.normalizeRussianMobileText("9001234567") == nil)
        #expect(us.normalizeRussianMobileText("+7 900 123-45-67") == us.normalizeWithLibrary("+7 900 123-45-67"))
    }

    /// Like `fastPathMatchesLibrary`, for the typed shapes: random Russian mobiles with every
    /// prefix and punctuation the national fast path takes, and near misses of them, under several
    /// default regions. Rerun with `LINER_TEST_SEED=<seed>` to reproduce a failure.
    @Test func nationalFastPathMatchesLibrary() {
        let seed = SeededGenerator.testSeed()
        var random = SeededGenerator(seed: seed)
        var candidates = (0..<3000).map { _ in Self.randomRussianMobileText(using: &random) }
        let alphabet = Array("0123456789+ -()#.x")
        for index in 0..<3000 {
            let characters = Array(candidates[index])
            candidates.append(Self.nearMiss(characters, alphabet: alphabet, using: &random))
        }
        let (taken, mismatches) = Self.compareWithLibrary(candidates) { $0.normalizeRussianMobileText($1) }
        #expect(mismatches.isEmpty, "seed \(seed): \(mismatches.joined(separator: "; "))")
        #expect(taken >= 2000, "seed \(seed): the national fast path answered only \(taken) times")
    }


    /// A random Russian mobile in one of the shapes the national fast path takes: `+7`, `8`, `7` or
    /// nothing before the code, the code in parentheses or not, groups split by spaces, dashes or nothing.
    static func randomRussianMobileText(using random: inout SeededGenerator) -> String {
        let leads = ["+7", "+7 ", "8", "8 ", "7", "7 ", "", "+7(", "8(", "8 (", "(", "+7-"]
        let national = "9" + random.digits(9)
        let lead = leads.randomElement(using: &random)!
        let opens = lead.hasSuffix("(")
        let code = String(national.prefix(3))
        let rest = Array(national.dropFirst(3))
        let separator = [" ", "-", "", " - "].randomElement(using: &random)!
        var text = lead + code + (opens ? ")" + ["", " "].randomElement(using: &random)! : separator)
        text += String(rest[0..<3]) + separator + String(rest[3..<5]) + separator + String(rest[5..<7])
        return text
    }

    // MARK: Extension fast path

    @Test(arguments: PhoneNormalizerTests.extensionFastPathTexts)
    func extensionFastPathTakesLabelledExtensions(raw: String, extensionDigits: String) {
        for format in PhoneFormat.allCases {
            let normalizer = PhoneNormalizer(defaultRegion: "RU", format: format)
            let fast = normalizer.normalizeRussianMobileWithExtension(raw)
            #expect(fast == normalizer.normalizeWithLibrary(raw), "\(raw)")
            guard case .valid(_, let digits, "RU", .mobile)? = fast else {
                Issue.record("\(raw): \(String(describing: fast))")
                continue
            }
            #expect(digits == extensionDigits)
        }
    }

    @Test(arguments: PhoneNormalizerTests.extensionFastPathDeclinedTexts)
    func extensionFastPathDeclinesOtherShapes(raw: String) {
        #expect(Self.russia.normalizeRussianMobileWithExtension(raw) == nil, "\(raw)")
    }

    /// Like `nationalFastPathMatchesLibrary`, with an extension: random Russian mobiles in the
    /// national fast path's shapes, followed by labels it takes and some it does not and one to
    /// eleven digits, and near misses of them, under several default regions. Rerun with
    /// `LINER_TEST_SEED=<seed>` to reproduce a failure.
    @Test func extensionFastPathMatchesLibrary() {
        let seed = SeededGenerator.testSeed()
        var random = SeededGenerator(seed: seed)
        let labels = [" доб. ", " ext. ", " доб. ", " ext. ", " доб.", " ext ", "  доб. ", " Доб. ", " x ", " доб. #"]
        var candidates: [String] = []
        for _ in 0..<3000 {
            let label = labels.randomElement(using: &random)!
            candidates.append(Self.randomRussianMobileText(using: &random) + label + random.digits(Int.random(in: 1...11, using: &random)))
        }
        let alphabet = Array("0123456789+ -()#.xetдоб")
        for index in 0..<3000 {
            candidates.append(Self.nearMiss(Array(candidates[index]), alphabet: alphabet, using: &random))
        }
        let (taken, mismatches) = Self.compareWithLibrary(candidates) { $0.normalizeRussianMobileWithExtension($1) }
        #expect(mismatches.isEmpty, "seed \(seed): \(mismatches.joined(separator: "; "))")
        #expect(taken >= 500, "seed \(seed): the extension fast path answered only \(taken) times")
    }

    /// `characters` with one character replaced, removed or inserted: a value next to a valid one.
    static func nearMiss(_ characters: [Character], alphabet: [Character], using random: inout SeededGenerator) -> String {
        var characters = characters
        let position = Int.random(in: 0...characters.count - 1, using: &random)
        switch Int.random(in: 0..<3, using: &random) {
        case 0: characters[position] = alphabet.randomElement(using: &random)!
        case 1: characters.remove(at: position)
        default: characters.insert(alphabet.randomElement(using: &random)!, at: position)
        }
        return String(characters)
    }

    /// Runs a fast path over `candidates` across formats and default regions and compares every answer
    /// it gives with libphonenumber's: how often it answered, and up to five disagreements.
    static func compareWithLibrary(
        _ candidates: [String], fastPath: (PhoneNormalizer, String) -> PhoneNormalization?
    ) -> (taken: Int, mismatches: [String]) {
        var taken = 0
        var mismatches: [String] = []
        for (index, raw) in candidates.enumerated() {
            let format = PhoneFormat.allCases[index % 3]
            let region = ["RU", "RU", "US", "KZ", "DE"][index % 5]
            let normalizer = PhoneNormalizer(defaultRegion: region, format: format)
            guard let fast = fastPath(normalizer, raw) else { continue }
            taken += 1
            let library = normalizer.normalizeWithLibrary(raw)
            if fast != library, mismatches.count < 5 {
                mismatches.append("\(raw) [\(region), \(format)]: fast \(fast), library \(library)")
            }
        }
        return (taken, mismatches)
    }
}

// MARK: Test values (`PhoneResultCacheTests` checks them all through the cache too)

extension PhoneNormalizerTests {
    static let russianMobileTexts: [String] = [
        "+79001234567",
        "+7 900 123-45-67",
        "+7 900 123 45 67",
        "+7 (900) 123-45-67",
        "+7(900)1234567",
        "+7-900-123-45-67",
        "8 (900) 123-45-67",
        "8(900)123-45-67",
        "89001234567",
        "9001234567",
        "900-123-45-67",
        "7 900 1234567",
        "79001234567",
        " +79001234567 ",
        "\t8 900 123 45 67\n",
        "tel:+79001234567",
        "++79001234567",
        "810 7 900 123 45 67",  // Russian international dialling prefix
        "+7 ９００ １２３ ４５ ６７",  // full-width digits
    ]
    static let extensionTexts: [(String, String)] = [
        ("+79001234567 доб. 12", "12"),
        ("89001234567 доб 12", "12"),
        ("+7 (900) 123-45-67 доб.123456", "123456"),
        ("+7 900 123-45-67 (доб. 12)", "12"),
        ("+7 900 123-45-67 ext. 12", "12"),
        ("+7 900 123-45-67 ext 12", "12"),
        ("+7 900 123-45-67 extension 12", "12"),
        ("+79001234567#12", "12"),
        ("+7 900 123 45 67 #12", "12"),
        ("+79001234567 x12", "12"),
        ("+79001234567x12", "12"),
        ("+7 900 123-45-67 x 12", "12"),
        ("+79001234567;12", "12"),
        ("8 (495) 123-45-67 доб. 4021", "4021"),
    ]
    static let regionTexts: [(String, String, String, PhoneLineType)] = [
        ("+1 650 253 0000", "+16502530000", "US", PhoneLineType.fixedLineOrMobile),
        ("+1 (212) 555-0123", "+12125550123", "US", .fixedLineOrMobile),
        ("+1 800 555 0199", "+18005550199", "US", .other),  // toll free
        ("+380 50 123 4567", "+380501234567", "UA", .mobile),
        ("+380 44 123 4567", "+380441234567", "UA", .fixedLine),
        ("+998 90 123 45 67", "+998901234567", "UZ", .mobile),
        ("+998 71 123 45 67", "+998711234567", "UZ", .fixedLine),
        ("+49 30 123456", "+4930123456", "DE", .fixedLine),
        ("+49 151 23456789", "+4915123456789", "DE", .mobile),
        ("+44 20 7183 8750", "+442071838750", "GB", .fixedLine),
        ("+44 7400 123456", "+447400123456", "GB", .mobile),
        ("+44 7911 123456", "+447911123456", "GG", .mobile),  // 07911 1… is allocated to Guernsey
        ("+375 29 123-45-67", "+375291234567", "BY", .mobile),
        ("+86 138 0013 8000", "+8613800138000", "CN", .mobile),
        ("+7 701 123 4567", "+77011234567", "KZ", .mobile),  // +7 shared with Kazakhstan
        ("+39 06 1234 5678", "+390612345678", "IT", .fixedLine),  // Italy keeps the leading zero
        ("+800 1234 5678", "+80012345678", "001", .other),  // non-geographic freephone
        ("+7 (495) 123-45-67", "+74951234567", "RU", .fixedLine),  // Moscow
        ("8 (499) 123-45-67", "+74991234567", "RU", .fixedLine),  // Moscow
        ("8 (812) 123-45-67", "+78121234567", "RU", .fixedLine),  // St Petersburg
        ("8 800 555-35-35", "+78005553535", "RU", .other),  // toll free
        ("8-800-FLOWERS", "+78003569377", "RU", .other),  // letters are read as keypad digits
    ]
    static let formatTexts: [(String, PhoneFormat, String)] = [
        ("+79001234567", PhoneFormat.e164, "+79001234567"),
        ("+79001234567", .international, "+7 900 123-45-67"),
        ("+79001234567", .national, "8 (900) 123-45-67"),
        ("8 (900) 123-45-67", .international, "+7 900 123-45-67"),
        ("9001234567", .national, "8 (900) 123-45-67"),
        ("+7 495 123 45 67", .international, "+7 495 123-45-67"),
        ("+7 495 123 45 67", .national, "8 (495) 123-45-67"),
        ("+16502530000", .international, "+1 650-253-0000"),
        ("+16502530000", .national, "(650) 253-0000"),
        ("+380441234567", .international, "+380 44 123 4567"),
        ("+380441234567", .national, "044 123 4567"),
        ("+998901234567", .international, "+998 90 123 45 67"),
        ("+998901234567", .national, "8 90 123 45 67"),
        ("+4915123456789", .international, "+49 1512 3456789"),
        ("+4930123456", .national, "030 123456"),
        ("+442071838750", .international, "+44 20 7183 8750"),
        ("+442071838750", .national, "020 7183 8750"),
        ("+77011234567", .national, "8 (701) 123 4567"),
        ("+39 06 1234 5678 ext. 5", .national, "06 1234 5678"),
        ("+39 06 1234 5678 ext. 5", .international, "+39 06 1234 5678"),
    ]
    static let invalidTexts: [String] = [
        "+7 000 000 00 00",
        "+7 123 456 78 90",  // no Russian range starts with 1
        "+7 600 123 45 67",
        "+7 900 123 45 6",  // too short
        "+7 900 123 45 678",  // too long
        "+7 900 123 45 67 89",
        "123",
        "0",
        "abc",
        "Привет",
        "не указан",
        "нет",
        "+",
        "-",
        "+0079001234567",
        "00 7 900 123 45 67",  // 00 is not Russia's international prefix (810 is)
        "+79001234567, +79007654321",  // two numbers in one field
        "+7 9001234567 (Иван)",  // letters after the number make it unreadable
        "+7 900 123-45-67 доп. 12",  // only "доб" is an extension label
        "+7 900 123-45-67 *12",
        "😀",
        "=HYPERLINK(\"x\")",
    ]
    static let blankTexts: [String] = ["", " ", "   ", "\t", "\n", "\r\n", "\u{00A0}", "\u{2003}"]
    static let canonicalTexts: [String] = ["+79001234567", "+79999999999", "+79000000000"]
    static let fastPathDeclinedTexts: [String] = [
        "+7900123456", "+790012345678", "+78001234567", "+74951234567", "+7 9001234567", " +79001234567",
        "79001234567", "89001234567", "+7900123456a", "+7９001234567", "", "+79001234567\n",
    ]
    static let nationalFastPathTexts: [String] = [
        "+7 900 123-45-67", "+7 (900) 123-45-67", "8 (900) 123-45-67", "89001234567", "7 900 1234567", "9001234567",
        "8-900-123-45-67", "(900) 123-45-67", "+7(900)1234567",
    ]
    static let nationalFastPathDeclinedTexts: [String] = [
        "8 (495) 123-45-67", "+7 800 555-35-35", "8 900 123-45-6", "8 900 123-45-678", "((900)) 1234567", "900)123(4567",
        "+7 900 123-45-67 доб. 12", "+7 900 123-45-67#1", "tel:+79001234567", "-89001234567", "89001234567-", "+ 79001234567",
        "6 900 123 45 67", "+8 900 123 45 67",
    ]
    static let extensionFastPathTexts: [(String, String)] = [
        ("+7 900 123-45-67 доб. 12", "12"),
        ("+7 (900) 123-45-67 ext. 999", "999"),
        ("89001234567 доб. 007", "007"),
        ("9001234567 ext. 1", "1"),
        ("+79001234567 ext. 123456789", "123456789"),
    ]
    static let extensionFastPathDeclinedTexts: [String] = [
        "+7 900 123-45-67 доб 12", "+7 900 123-45-67 доб.12", "+7 900 123-45-67  доб. 12", "+7 900 123-45-67 доб. 1234567890",
        "+7 495 123-45-67 доб. 12", "+7 900 123-45-67 доп. 12", "+7 900 123-45-67 доб. ", "+7 900 123-45-67 x 12",
        "+7 900 123-45-67 ext. 12#", "доб. 12", " доб. 12", "+7 900 123-45-67 ext. 12 ", "+7 900 123-45-6 ext. 12",
    ]

    /// Every raw text the tests above normalize.
    static var allTexts: [String] {
        let lists: [[String]] = [
            russianMobileTexts, extensionTexts.map(\.0), regionTexts.map(\.0), formatTexts.map(\.0), invalidTexts, blankTexts,
            canonicalTexts, fastPathDeclinedTexts, nationalFastPathTexts, nationalFastPathDeclinedTexts,
            extensionFastPathTexts.map(\.0), extensionFastPathDeclinedTexts,
        ]
        return lists.flatMap { $0 }
    }
}
