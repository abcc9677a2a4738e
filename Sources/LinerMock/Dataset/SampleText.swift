/// The texts of `name` and `sourceComment`: mostly ordinary, with every character class a
/// CSV/XML/XLSX writer can trip over mixed in at stable per-mille rates.
enum SampleText {
    /// Male and female names alternate (even index male), as do the surnames' forms.
    static let firstNames = [
        "Иван", "Мария", "Алексей", "Ольга", "Дмитрий", "Екатерина", "Сергей", "Анна",
        "Пётр", "Наталья", "Михаил", "Татьяна", "Андрей", "Юлия", "Николай", "Елена",
    ]
    static let lastNames = [
        "Иванов", "Смирнова", "Кузнецов", "Попова", "Васильев", "Петрова", "Соколов", "Морозова",
        "Новиков", "Фёдорова", "Волков", "Алексеева", "Лебедев", "Семёнова", "Егоров", "Павлова",
    ]
    static let latinNames = [
        "John Doe", "Jane Smith", "Ahmed Al-Farsi", "José García", "Zoë Müller", "Li Wei",
        "Siobhán O'Neill", "François Dupont",
    ]

    /// Name kinds in weight order; see `nameWeights`.
    enum NameKind: Int, CaseIterable {
        case cyrillic, latin, quotes, commaSemicolon, newline, crlf, tab, control, emoji
        case hyperlinkFormula, plusText, dash, atHandle, otherFormula, empty, long, backslash
    }

    /// Per-mille weights of `NameKind`, in case order.
    static let nameWeights = [520, 60, 50, 50, 40, 30, 30, 30, 50, 20, 20, 10, 20, 10, 20, 20, 20]

    static func name(kindDraw: Int, partsDraw: UInt64) -> String {
        let firstIndex = Int(partsDraw % 16)
        let first = firstNames[firstIndex]
        // Both lists alternate male and female forms; keep the surname's gender matching.
        let last = lastNames[Int((partsDraw >> 8) % 8) * 2 + firstIndex % 2]
        let variant = Int((partsDraw >> 16) % 4)
        switch NameKind(rawValue: pickBucket(kindDraw, nameWeights)) ?? .cyrillic {
        case .cyrillic:
            return variant == 0 ? spaced(last, first) : spaced(first, last)
        case .latin:
            return latinNames[Int((partsDraw >> 24) % UInt64(latinNames.count))]
        case .quotes:
            switch variant {
            case 0: return first + " \"Ласточка\" " + last
            case 1: return "ООО «Ромашка», " + first
            case 2: return first + " 'Босс' " + last
            default: return "\"" + first + "\""
            }
        case .commaSemicolon:
            switch variant {
            case 0: return last + ", " + first
            case 1: return last + "; " + first
            case 2: return first + ", ИП; " + last
            default: return ",;,;"
            }
        case .newline:
            return "\(first)\n\(last)"
        case .crlf:
            return "\(first)\r\n\(last)"
        case .tab:
            return "\(first)\t\(last)"
        case .control:
            switch variant {
            case 0: return first + "\u{01}" + last
            case 1: return first + "\u{0B}" + last
            case 2: return first + "\u{1F}" + last
            default: return "\u{01}\u{0B}\u{1F}"
            }
        case .emoji:
            // Includes ZWJ sequences (family), a skin-tone modifier and a flag: multi-scalar
            // graphemes that break naive truncation and width math.
            switch variant {
            case 0: return first + " 🌸"
            case 1: return "👨‍👩‍👧 Семья " + last
            case 2: return first + " 👍🏽"
            default: return "🇷🇺 " + first + " 👩‍💻"
            }
        case .hyperlinkFormula:
            return "=HYPERLINK(\"http://example.com/\",\"\(first)\")"
        case .plusText:
            return "+7 звонить \(first)"
        case .dash:
            return "-"
        case .atHandle:
            return "@user_\(partsDraw % 10_000)"
        case .otherFormula:
            switch variant {
            case 0: return "=1+2"
            case 1: return "-" + first
            case 2: return "+" + first
            default: return "@SUM(A1:A2)"
            }
        case .empty:
            return ""
        case .long:
            return String(repeating: "\(first) \(last) ", count: 15)
        case .backslash:
            switch variant {
            case 0: return "C:\\Users\\" + first
            case 1: return first + " \\ " + last
            case 2: return "\\n не перевод строки"
            default: return "\\\"\\"
            }
        }
    }

    /// `left + " " + right` built in one allocation: half the leads served carry such a name,
    /// and the `+` chain allocates an intermediate once it outgrows the 15-byte inline form.
    private static func spaced(_ left: String, _ right: String) -> String {
        var left = left
        var right = right
        return left.withUTF8 { leftBytes in
            right.withUTF8 { rightBytes in
                let length = leftBytes.count + 1 + rightBytes.count
                return String(unsafeUninitializedCapacity: length) { buffer in
                    let start = buffer.baseAddress!
                    start.update(from: leftBytes.baseAddress!, count: leftBytes.count)
                    start[leftBytes.count] = UInt8(ascii: " ")
                    (start + leftBytes.count + 1).update(from: rightBytes.baseAddress!, count: rightBytes.count)
                    return length
                }
            }
        }
    }

    /// sourceComment kinds in weight order; see `commentWeights`.
    enum CommentKind: Int, CaseIterable {
        case empty, plain, json, multiline, control, emoji, formula, null
    }

    /// Per-mille weights of `CommentKind`, in case order.
    static let commentWeights = [300, 200, 200, 80, 50, 50, 60, 60]

    /// One lead in this many (the one whose index is `seed % hugeCommentPeriod` modulo it)
    /// carries a sourceComment over 100 KB.
    static let hugeCommentPeriod = 5_000
    /// Minimum size in UTF-8 bytes of the huge sourceComment.
    static let hugeCommentMinimumBytes = 100 * 1024 + 1

    private static let plainComments = [
        "Перезвонить после 18:00, спросить про ипотеку; клиент \"горячий\"",
        "Интересует 2-комнатная, бюджет до 8 млн",
        "Просил не звонить до обеда",
    ]
    private static let jsonComments = [
        "{\"q1\":\"Сколько комнат?\",\"a1\":\"2\",\"q2\":\"Бюджет\",\"a2\":\"до 5 млн, \\\"гибко\\\"\"}",
        "",
        "[\"квиз\",\"шаг 2\",null,true,42]",
    ]
    private static let multilineComments = [
        "Шаг 1: квартира\nШаг 2: 2 комнаты\nШаг 3: ипотека",
        "Шаг 1: дом\r\nШаг 2: участок\r\nШаг 3: наличные",
        "",
        "строка 1\r\nстрока 2\n\nстрока 4",
    ]
    private static let controlComments = [
        "a\tb\tc", "bell\u{07}null-ish\u{01}vt\u{0B}us\u{1F}", "форма\u{0C}страница", "del\u{7F}end",
    ]
    private static let emojiComments = ["Клиент доволен 😊", "🔥🔥🔥 срочно", "Семья 👨‍👩‍👧‍👦 ищет дом", "🇷🇺🇺🇦 двойное гражданство"]
    private static let formulaComments = [
        "=cmd|' /C calc'!A0", "+79001234567 просил перезвонить", "-не звонить-", "@менеджер проверь",
    ]

    static func sourceComment(kindDraw: Int, partsDraw: UInt64, leadId: Int) -> String? {
        let first = firstNames[Int(partsDraw % 16)]
        let variant = Int((partsDraw >> 16) % 4)
        switch CommentKind(rawValue: pickBucket(kindDraw, commentWeights)) ?? .empty {
        case .empty:
            return ""
        case .plain:
            if variant == 3 { return "Заявка с сайта: " + first + ", форма «Обратный звонок»" }
            return plainComments[variant]
        case .json:
            // A questionnaire log serialised as JSON text, sent as a string (escaped inside).
            switch variant {
            case 1:
                return "{\"answers\":[{\"q\":\"Район\",\"a\":\"Центр\"},{\"q\":\"Срок\",\"a\":\"3 мес.\"}],"
                    + "\"page\":\"https://example.com/?utm_source=yandex&id=" + String(leadId) + "\"}"
            case 3:
                return "{\"name\":\"" + first + "\",\"comment\":\"Перезвонить\\nвечером\"}"
            default:
                return jsonComments[variant]
            }
        case .multiline:
            return variant == 2 ? "\n" + first + "\n" : multilineComments[variant]
        case .control:
            return controlComments[variant]
        case .emoji:
            return emojiComments[variant]
        case .formula:
            return formulaComments[variant]
        case .null:
            return nil
        }
    }

    /// A block of questionnaire lines, repeated to build the huge comment.
    private static let questionnaireBlock: String = (1...10).map { step in
        "Шаг \(step): вопрос «Бюджет, комнаты; район?» — ответ \"вариант \(step % 7)\"\tбаллы: \(step * 3)\r\n"
    }.joined()

    /// A questionnaire log over 100 KB: a header naming the lead, then many lines of answers
    /// with Cyrillic, quotes, tabs and CRLF. Built by repetition (a memcpy, not a loop of
    /// appends) because it is rebuilt every time its lead is served.
    static func hugeSourceComment(leadId: Int) -> String {
        let header = "Анкета лида \(leadId)\n"
        let blockBytes = questionnaireBlock.utf8.count
        let repeats = (hugeCommentMinimumBytes - header.utf8.count + blockBytes - 1) / blockBytes
        return header + String(repeating: questionnaireBlock, count: repeats)
    }
}
