/// One entry of the paginated reference list served by `/v2/order/`.
public struct MockOrder: Sendable, Equatable {
    /// The order id leads carry in `orderId`.
    public let id: Int
    /// The code leads carry in `orderCode`, e.g. "order-001".
    public let code: String
    /// Russian display title (the customer's project).
    public let title: String
    /// The call-center service the order buys.
    public let serviceTitle: String
    /// Call-center setting: when operators call, Moscow time.
    public let workHours: String
    /// Call-center setting: how many times a lead is called before giving up.
    public let maxCallAttempts: Int
    /// Whether the order currently takes leads.
    public let isActive: Bool

    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("id")
        writer.int(id)
        writer.key("code")
        writer.string(code)
        writer.key("title")
        writer.string(title)
        writer.key("serviceTitle")
        writer.string(serviceTitle)
        writer.key("callCenter")
        writer.beginObject()
        writer.key("workHours")
        writer.string(workHours)
        writer.key("timezone")
        writer.string("Europe/Moscow" as StaticString)
        writer.key("maxCallAttempts")
        writer.int(maxCallAttempts)
        writer.endObject()
        writer.key("isActive")
        writer.bool(isActive)
        writer.endObject()
    }
}

extension MockOrder {
    private static let titles = [
        "ЖК «Северный парк»", "ЖК «Набережная», очередь 2", "Коттеджный посёлок \"Сосны\"", "Автосалон на Ленина",
        "Клиника «Здоровье»", "Окна ПВХ; замер бесплатно", "Курсы английского", "Доставка воды 19 л",
        "Ремонт квартир под ключ", "Страхование ОСАГО", "Фитнес-клуб «Атлет»", "Кухни на заказ",
    ]
    private static let services = ["Колл-центр: первичные заявки", "Квалификация лидов", "Обзвон базы"]

    /// Twelve orders, ids 201...212, codes "order-001"..."order-012".
    static let all: [MockOrder] = titles.enumerated().map { offset, title in
        let number = offset + 1
        return MockOrder(
            id: 200 + number,
            code: number < 10 ? "order-00\(number)" : "order-0\(number)",
            title: title,
            serviceTitle: services[offset % services.count],
            workHours: offset % 4 == 3 ? "00:00-23:59" : "09:00-21:00",
            maxCallAttempts: 3 + offset % 5,
            isActive: offset != 11
        )
    }

    /// Each order's code by id: every lead served looks its order's code up here (a scan of
    /// `all` would copy each order it passes).
    static let codesById: [Int: String] = Dictionary(uniqueKeysWithValues: all.map { ($0.id, $0.code) })
}
