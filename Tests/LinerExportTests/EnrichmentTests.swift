import Foundation
import LinerJSON
import Testing
@testable import LinerExport

/// Custom fields typed by the account's list, status and order titles, phone details and policy,
/// the client's local time, and column layout rules — on the normalizer alone.
struct EnrichmentTests {
    static let customFields = [
        CustomFieldDefinition(id: 10, title: "Бюджет", type: "string", sort: 10),
        CustomFieldDefinition(id: 11, title: "Комнат", type: "int", sort: 20),
        CustomFieldDefinition(id: 12, title: "Площадь", type: "float", sort: 30),
        CustomFieldDefinition(id: 13, title: "Дата визита", type: "date", sort: 40),
        CustomFieldDefinition(id: 14, title: "Время звонка", type: "datetime", sort: 50),
        CustomFieldDefinition(id: 15, title: "Ипотека", type: "bool", sort: 60),
        CustomFieldDefinition(id: 16, title: "Источник", type: "select", sort: 70, options: ["site": "Сайт", "7": "Звонок"]),
        CustomFieldDefinition(id: 17, title: "Интересы", type: "multiselect", sort: 80, options: ["parking": "Парковка", "view": "Вид"]),
    ]
    static let references = ReferenceData(
        customFields: customFields,
        statuses: [LeadStatusDefinition(id: 10, title: "Новый", category: "in-progress")],
        orders: [OrderDefinition(id: 201, title: "ЖК «Северный парк»")])
    static let moscow = TimeZone(identifier: "Europe/Moscow")!

    static func normalizer(
        selections: [ColumnSelection] = [.all], invalidPhones: InvalidPhonePolicy = .keep, references: ReferenceData = references
    ) throws -> LeadNormalizer {
        let layout = try ColumnLayout(
            selections: selections, customFields: customFields.map { CustomFieldID($0.id) },
            customNames: NormalizerFactory.customTitles(customFields, named: [:]))
        return LeadNormalizer(
            layout: layout, knownCustomFields: Set(customFields.map(\.id)), phones: PhoneNormalizer(defaultRegion: "RU"),
            parser: TimestampParser(sourceTimeZone: moscow), formatter: TimestampFormatter(timeZone: moscow),
            references: references, invalidPhones: invalidPhones)
    }

    static func normalize(
        _ json: String, with normalizer: LeadNormalizer? = nil
    ) throws -> (cells: [String: Cell], warnings: NormalizationWarnings) {
        let normalizer = try normalizer ?? Self.normalizer()
        guard case .object(let lead) = try JSONParser.parse(json) else { throw ProgramFailed(description: "not an object") }
        var warnings = NormalizationWarnings()
        let record = try normalizer.normalize(lead, warnings: &warnings)
        return (Dictionary(uniqueKeysWithValues: zip(normalizer.layout.columns.map(\.key), record.cells)), warnings)
    }

    // MARK: Custom fields

    @Test(arguments: [
        ("11", #"3"#, Cell.integer(3)),
        ("11", #""4""#, .integer(4)),
        ("11", #""""#, .empty),
        ("12", #"55.5"#, .number("55.5")),
        ("12", #""55.5""#, .number("55.5")),
        ("12", #"60"#, .number("60")),
        ("13", #""2024-02-29""#, .date("2024-02-29")),
        ("13", #""29.02.2024""#, .date("2024-02-29")),
        ("13", #""2024-03-01T00:30:00+03:00""#, .date("2024-03-01")),
        ("15", "true", .boolean(true)),
        ("15", #""0""#, .boolean(false)),
        ("15", "1", .boolean(true)),
        ("16", #""site""#, .text("Сайт")),
        ("16", "7", .text("Звонок")),
        ("17", #"["parking", "view"]"#, .list(["Парковка", "Вид"])),
        ("17", #"[]"#, .list([])),
        ("17", #""view""#, .list(["Вид"])),
        ("17", #"{"0": "parking", "2": "view"}"#, .list(["Парковка", "Вид"])),
        ("10", #""=SUM(A1)""#, .text("=SUM(A1)")),
        ("10", "null", .empty),
    ])
    func customValuesAreTypedByTheirField(id: String, value: String, expected: Cell) throws {
        let result = try Self.normalize(#"{"id": 1, "customValues": {"\#(id)": \#(value)}}"#)
        #expect(result.cells["custom.\(id)"] == expected)
        #expect(result.warnings.total == 0)
    }

    @Test func customDateTimeIsWrittenInTheOutputZone() throws {
        let result = try Self.normalize(#"{"id": 1, "customValues": {"14": "2024-01-01T00:00:00Z"}}"#)
        let custom = try #require(result.cells["custom.14"]?.dateTimeValue, "not a date-time: \(String(describing: result.cells["custom.14"]))")
        #expect(custom.iso8601 == "2024-01-01T03:00:00+03:00")
    }

    @Test(arguments: [
        ("11", #""много""#, Cell.text("много"), NormalizationWarnings.Kind.notAnInteger),
        ("12", #""около 50""#, .text("около 50"), .notANumber),
        ("13", #""на днях""#, .text("на днях"), .unparseableDate),
        ("13", #""2023-02-29""#, .text("2023-02-29"), .unparseableDate),
        ("14", #""вчера""#, .text("вчера"), .unparseableDate),
        ("15", #""да""#, .text("да"), .notABoolean),
        ("16", #""tv""#, .text("tv"), .unknownOption),
        ("17", #"["parking", "radio"]"#, .list(["Парковка", "radio"]), .unknownOption),
    ])
    func badCustomValuesAreKeptAndCounted(
        id: String, value: String, expected: Cell, kind: NormalizationWarnings.Kind
    ) throws {
        let result = try Self.normalize(#"{"id": 1, "customValues": {"\#(id)": \#(value)}}"#)
        #expect(result.cells["custom.\(id)"] == expected)
        #expect(result.warnings.counts == [.init(kind: kind, field: "custom.\(id)"): 1])
    }

    @Test func customColumnsAreTitledAndOrderedBySortWhateverTheListOrder() throws {
        let shuffled = [Self.customFields[3], Self.customFields[0], Self.customFields[2]]
            .map { CustomFieldDefinition(id: $0.id, title: $0.title, type: $0.type, sort: $0.sort) }
        let order = NormalizerFactory.customColumnOrder(
            discovered: shuffled.sorted { ($0.sort, $0.id) < ($1.sort, $1.id) }, named: [99: "Старое поле"])
        #expect(order.map(\.value) == [10, 12, 13, 99])
        let titles = NormalizerFactory.customTitles(shuffled, named: [12: "Area", 99: "Старое поле"])
        let layout = try ColumnLayout(selections: [.allCustomFields], customFields: order, customNames: titles)
        #expect(layout.titles == ["Бюджет", "Area", "Дата визита", "Старое поле"])
    }

    @Test func clashingCustomTitlesGetTheirKeyWhileRenamesMustNotClash() throws {
        let layout = try ColumnLayout(
            selections: [.field("id", title: nil), .field("name", title: nil), .allCustomFields],
            customFields: [CustomFieldID(1), CustomFieldID(2), CustomFieldID(3)],
            customNames: [1: "Город", 2: "Город", 3: "name"])
        #expect(layout.titles == ["id", "name", "Город (custom.1)", "Город (custom.2)", "name (custom.3)"])
        #expect(throws: ExportError.self) {
            try ColumnLayout(
                selections: [.field("phone", title: "Телефон"), .field("telegramPhone", title: "Телефон")],
                customFields: [], customNames: [:])
        }
    }

    @Test func defaultColumnsAreTheDefaultSetThenCustomFields() throws {
        let layout = try Self.normalizer(selections: [.defaults]).layout
        #expect(layout.columns.map(\.key) == LeadField.defaultNames + (10...17).map { "custom.\($0)" })
        #expect(!layout.columns.map(\.key).contains("externalIdAmo"))
    }

    // MARK: Statuses and orders

    @Test func statusAndOrderTitlesComeFromTheReferenceLists() throws {
        let result = try Self.normalize(#"{"id": 1, "statusId": "10", "orderId": 201}"#)
        #expect(result.cells["statusTitle"] == .text("Новый"))
        #expect(result.cells["statusCategory"] == .text("in-progress"))
        #expect(result.cells["orderTitle"] == .text("ЖК «Северный парк»"))
        #expect(result.warnings.total == 0)
    }

    @Test func unknownStatusAndOrderAreEmptyAndCounted() throws {
        let result = try Self.normalize(#"{"id": 1, "statusId": 99, "orderId": 999}"#)
        #expect(result.cells["statusTitle"] == .empty)
        #expect(result.cells["orderTitle"] == .empty)
        #expect(result.warnings.counts[.init(kind: .unknownStatus, field: "statusId")] == 1)
        #expect(result.warnings.counts[.init(kind: .unknownOrder, field: "orderId")] == 1)
    }

    @Test func anUnknownStatusIsCountedOnceWhicheverOfItsColumnsAreSelected() throws {
        for selections: [ColumnSelection] in [[.field("statusCategory", title: nil)], [.all]] {
            let result = try Self.normalize(#"{"id": 1, "statusId": 99}"#, with: try Self.normalizer(selections: selections))
            #expect(result.warnings.counts == [.init(kind: .unknownStatus, field: "statusId"): 1])
        }
    }

    @Test func listsThatWereNotLoadedLeaveTitlesEmptyWithoutWarnings() throws {
        let normalizer = try Self.normalizer(references: ReferenceData(customFields: Self.customFields))
        let result = try Self.normalize(#"{"id": 1, "statusId": 10, "orderId": 201}"#, with: normalizer)
        #expect(result.cells["statusTitle"] == .empty)
        #expect(result.cells["orderTitle"] == .empty)
        #expect(result.warnings.total == 0)
    }

    @Test(arguments: [
        (#"{"isSecondary": true}"#, true),
        (#"{"isSecondary": false, "previousLeadId": 5}"#, false),
        (#"{"isSecondary": null, "previousLeadId": 5}"#, true),
        (#"{"isSecondary": "1"}"#, true),
        (#"{"previousLeadId": null}"#, false),
        (#"{}"#, false),
    ])
    func secondaryLeads(json: String, isSecondary: Bool) throws {
        guard case .object(let lead) = try JSONParser.parse(json) else { throw ProgramFailed(description: "not an object") }
        #expect(LeadNormalizer.isSecondary(lead) == isSecondary)
    }

    // MARK: Phones

    @Test func phoneDetailsOfValidInvalidAndMissingNumbers() throws {
        let result = try Self.normalize(
            #"{"id": 1, "phone": "+7 495 123-45-67 доб. 12", "telegramPhone": "12345"}"#)
        #expect(result.cells["phone"] == .phone("+74951234567"))
        #expect(result.cells["phoneExtension"] == .text("12"))
        #expect(result.cells["phoneValid"] == .boolean(true))
        #expect(result.cells["phoneRegion"] == .text("RU"))
        #expect(result.cells["phoneType"] == .text("fixedLine"))
        #expect(result.cells["telegramPhone"] == .text("12345"))
        #expect(result.cells["telegramPhoneValid"] == .boolean(false))
        #expect(result.cells["telegramPhoneRegion"] == .empty)
        #expect(result.warnings.counts == [.init(kind: .invalidPhone, field: "telegramPhone"): 1])
        let missing = try Self.normalize(#"{"id": 2, "phone": null}"#)
        #expect(missing.cells["phoneValid"] == .empty)
    }

    @Test func invalidPhonePolicies() throws {
        let json = #"{"id": 7, "phone": "не помню"}"#
        let emptied = try Self.normalize(json, with: try Self.normalizer(invalidPhones: .empty))
        #expect(emptied.cells["phone"] == .empty)
        #expect(emptied.cells["phoneValid"] == .boolean(false))
        #expect(emptied.warnings.counts == [.init(kind: .invalidPhone, field: "phone"): 1])
        do {
            _ = try Self.normalize(json, with: try Self.normalizer(invalidPhones: .fail))
            Issue.record("the fail policy let an invalid phone through")
        } catch let error as ExportError {
            #expect(error.message.contains("lead 7: phone"))
            #expect(!error.message.contains("не помню"), "the message names the lead, not the personal data")
        }
    }

    // MARK: Client's local time

    @Test(arguments: [
        ("3", "2024-01-01T03:00:00+03:00"),
        ("-5", "2023-12-31T19:00:00-05:00"),
        (#""5.5""#, "2024-01-01T05:30:00+05:30"),
        ("5.75", "2024-01-01T05:45:00+05:45"),
        ("0", "2024-01-01T00:00:00+00:00"),
        ("14", "2024-01-01T14:00:00+14:00"),
        ("-9.5", "2023-12-31T14:30:00-09:30"),
    ])
    func clientTimeFollowsUTCOffset(utcOffset: String, expected: String) throws {
        let result = try Self.normalize(#"{"id": 1, "createdAt": "2024-01-01T00:00:00Z", "utcOffset": \#(utcOffset)}"#)
        let clientTime = try #require(
            result.cells["createdAtClientTime"]?.dateTimeValue, "no client time: \(String(describing: result.cells["createdAtClientTime"]))")
        #expect(clientTime.iso8601.string == expected)
        #expect(clientTime.instant == Timestamp(millisecondsSinceEpoch: 1_704_067_200_000), "the same instant, another wall clock")
    }

    @Test(arguments: ["null", #""""#, #""UTC+3""#, "15", "-13"])
    func clientTimeIsEmptyWithoutAUsableOffset(utcOffset: String) throws {
        let result = try Self.normalize(#"{"id": 1, "createdAt": "2024-01-01T00:00:00Z", "utcOffset": \#(utcOffset)}"#)
        #expect(result.cells["createdAtClientTime"] == .empty)
    }
}
