/// The texts of `name` and `sourceComment`: mostly ordinary, with every character class a
/// CSV/XML/XLSX writer can trip over mixed in at stable per-mille rates.
enum SampleText {
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
        let first = firstNames[Int(partsDraw % 16)]
        let last = lastNames[Int((partsDraw >> 8) % 16)]
        let variant = Int((partsDraw >> 16) % 4)
        switch NameKind(rawValue: pickBucket(kindDraw, nameWeights)) ?? .cyrillic {
        case .cyrillic:
            return variant == 0 ? "\(last) \(first)" : "\(first) \(last)"
        case .latin:
            return latinNames[Int((partsDraw >> 24) % UInt64(latinNames.count))]
        case .quotes:
            return [
                "\(first) \"Ласточка\" \(last)", "ООО «Ромашка», \(first)", "\(first) 'Босс' \(last)",
                "\"\(first)\"",
            ][variant]
        case .commaSemicolon:
            return ["\(last), \(first)", "\(last); \(first)", "\(first), ИП; \(last)", ",;,;"][variant]
        case .newline:
            return "\(first)\n\(last)"
        case .crlf:
            return "\(first)\r\n\(last)"
        case .tab:
            return "\(first)\t\(last)"
        case .control:
            return ["\(first)\u{01}\(last)", "\(first)\u{0B}\(last)", "\(first)\u{1F}\(last)", "\u{01}\u{0B}\u{1F}"][variant]
        case .emoji:
            // Includes ZWJ sequences (family), a skin-tone modifier and a flag: multi-scalar
            // graphemes that break naive truncation and width math.
            return ["\(first) 🌸", "👨‍👩‍👧 Семья \(last)", "\(first) 👍🏽", "🇷🇺 \(first) 👩‍💻"][variant]
        case .hyperlinkFormula:
            return "=HYPERLINK(\"http://example.com/\",\"\(first)\")"
        case .plusText:
            return "+7 звонить \(first)"
        case .dash:
            return "-"
        case .atHandle:
            return "@user_\(partsDraw % 10_000)"
        case .otherFormula:
            return ["=1+2", "-\(first)", "+\(first)", "@SUM(A1:A2)"][variant]
        case .empty:
            return ""
        case .long:
            return String(repeating: "\(first) \(last) ", count: 15)
        case .backslash:
            return ["C:\\Users\\\(first)", "\(first) \\ \(last)", "\\n не перевод строки", "\\\"\\"][variant]
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

    static func sourceComment(kindDraw: Int, partsDraw: UInt64, leadId: Int) -> String? {
        let first = firstNames[Int(partsDraw % 16)]
        let variant = Int((partsDraw >> 16) % 4)
        switch CommentKind(rawValue: pickBucket(kindDraw, commentWeights)) ?? .empty {
        case .empty:
            return ""
        case .plain:
            return [
                "Перезвонить после 18:00, спросить про ипотеку; клиент \"горячий\"",
                "Интересует 2-комнатная, бюджет до 8 млн",
                "Просил не звонить до обеда",
                "Заявка с сайта: \(first), форма «Обратный звонок»",
            ][variant]
        case .json:
            // A questionnaire log serialised as JSON text, sent as a string (escaped inside).
            return [
                "{\"q1\":\"Сколько комнат?\",\"a1\":\"2\",\"q2\":\"Бюджет\",\"a2\":\"до 5 млн, \\\"гибко\\\"\"}",
                "{\"answers\":[{\"q\":\"Район\",\"a\":\"Центр\"},{\"q\":\"Срок\",\"a\":\"3 мес.\"}],\"page\":\"https://example.com/?utm_source=yandex&id=\(leadId)\"}",
                "[\"квиз\",\"шаг 2\",null,true,42]",
                "{\"name\":\"\(first)\",\"comment\":\"Перезвонить\\nвечером\"}",
            ][variant]
        case .multiline:
            return [
                "Шаг 1: квартира\nШаг 2: 2 комнаты\nШаг 3: ипотека",
                "Шаг 1: дом\r\nШаг 2: участок\r\nШаг 3: наличные",
                "\n\(first)\n",
                "строка 1\r\nстрока 2\n\nстрока 4",
            ][variant]
        case .control:
            return ["a\tb\tc", "bell\u{07}null-ish\u{01}vt\u{0B}us\u{1F}", "форма\u{0C}страница", "del\u{7F}end"][variant]
        case .emoji:
            return ["Клиент доволен 😊", "🔥🔥🔥 срочно", "Семья 👨‍👩‍👧‍👦 ищет дом", "🇷🇺🇺🇦 двойное гражданство"][variant]
        case .formula:
            return [
                "=cmd|' /C calc'!A0", "+79001234567 просил перезвонить", "-не звонить-", "@менеджер проверь",
            ][variant]
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
