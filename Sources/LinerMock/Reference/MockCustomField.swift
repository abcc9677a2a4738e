/// One entry of the reference list served by `/v2/custom-field/`.
public struct MockCustomField: Sendable, Equatable {
    /// One choice of a select or multiselect field.
    public struct Option: Sendable, Equatable {
        /// The value stored in a lead's customValues.
        public let code: String
        /// Display order.
        public let sort: Int
        /// Russian display title.
        public let title: String
    }

    /// The id leads use as a (string) key of `customValues`, 10...17.
    public let id: Int
    /// Russian display title.
    public let title: String
    /// "string", "int", "float", "date", "datetime", "bool", "select" or "multiselect".
    public let type: String
    /// Always "leads" here.
    public let essence: String
    /// Display order.
    public let sort: Int
    /// The choices of select and multiselect fields; empty otherwise (rendered as `"params": []`,
    /// the way PHP encodes an empty map).
    public let options: [Option]

    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("id")
        writer.int(id)
        writer.key("title")
        writer.string(title)
        writer.key("type")
        writer.string(type)
        writer.key("essence")
        writer.string(essence)
        writer.key("params")
        if options.isEmpty {
            writer.beginArray()
            writer.endArray()
        } else {
            writer.beginObject()
            writer.key("options")
            writer.beginArray()
            for option in options {
                writer.element()
                writer.beginObject()
                writer.key("code")
                writer.string(option.code)
                writer.key("sort")
                writer.int(option.sort)
                writer.key("title")
                writer.string(option.title)
                writer.endObject()
            }
            writer.endArray()
            writer.endObject()
        }
        writer.key("sort")
        writer.int(sort)
        writer.endObject()
    }
}

extension MockCustomField {
    /// Codes of the select field 16, in option order.
    static let sourceCodes = ["site", "avito", "cian", "domclick", "friend", "call"]
    /// Codes of the multiselect field 17, in option order.
    static let interestCodes = ["parking", "terrace", "view", "school", "mortgage"]

    private static func options(_ codes: [String], _ titles: [String]) -> [Option] {
        zip(codes, titles).enumerated().map { Option(code: $1.0, sort: ($0 + 1) * 10, title: $1.1) }
    }

    /// Ids 10...17, one of each type.
    static let all: [MockCustomField] = [
        MockCustomField(id: 10, title: "Бюджет", type: "string", essence: "leads", sort: 10, options: []),
        MockCustomField(id: 11, title: "Количество комнат", type: "int", essence: "leads", sort: 20, options: []),
        MockCustomField(id: 12, title: "Площадь, м²", type: "float", essence: "leads", sort: 30, options: []),
        MockCustomField(id: 13, title: "Дата визита", type: "date", essence: "leads", sort: 40, options: []),
        MockCustomField(id: 14, title: "Время звонка", type: "datetime", essence: "leads", sort: 50, options: []),
        MockCustomField(id: 15, title: "Ипотека", type: "bool", essence: "leads", sort: 60, options: []),
        MockCustomField(
            id: 16, title: "Источник", type: "select", essence: "leads", sort: 70,
            options: options(sourceCodes, ["Сайт", "Авито", "Циан", "ДомКлик", "Рекомендация", "Звонок"])
        ),
        MockCustomField(
            id: 17, title: "Интересы", type: "multiselect", essence: "leads", sort: 80,
            options: options(interestCodes, ["Парковка", "Терраса", "Вид из окна", "Школа рядом", "Ипотека"])
        ),
    ]
}
