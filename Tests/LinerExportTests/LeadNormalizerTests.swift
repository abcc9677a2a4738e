import Foundation
import LinerJSON
import Testing
@testable import LinerExport

/// Each quirk of the "Be robust to" list decodes without losing anything.
struct LeadNormalizerTests {
    static let layout = try! ColumnLayout(
        selections: [.all], customFields: [CustomFieldID(10), CustomFieldID(11)], customNames: [10: "Бюджет"])

    static let normalizer = LeadNormalizer(
        layout: layout, knownCustomFields: [10, 11],
        phones: PhoneNormalizer(defaultRegion: "RU"),
        parser: TimestampParser(sourceTimeZone: TimeZone(identifier: "Europe/Moscow")!),
        formatter: TimestampFormatter(timeZone: TimeZone(identifier: "Europe/Moscow")!))

    static func normalize(_ json: String) throws -> (cells: [String: Cell], record: Record, warnings: NormalizationWarnings) {
        guard case .object(let lead) = try JSONParser.parse(json) else { throw ProgramFailed(description: "not an object") }
        var warnings = NormalizationWarnings()
        let record = try normalizer.normalize(lead, warnings: &warnings)
        let cells = Dictionary(uniqueKeysWithValues: zip(layout.columns.map(\.key), record.cells))
        return (cells, record, warnings)
    }

    @Test func numbersSentAsStringsBecomeNumbers() throws {
        let result = try Self.normalize(#"{"id": "123", "statusId": "4", "priority": " 2 ", "utcOffset": "5.5", "orderId": 101}"#)
        #expect(result.cells["id"] == .integer(123))
        #expect(result.cells["statusId"] == .integer(4))
        #expect(result.cells["priority"] == .integer(2))
        #expect(result.cells["utcOffset"] == .number("5.5"))
        #expect(result.cells["orderId"] == .integer(101))
        #expect(result.warnings.total == 0)
    }

    @Test func badNumbersAreKeptAsTextAndCounted() throws {
        let result = try Self.normalize(#"{"id": 1, "statusId": "new", "utcOffset": "UTC+3", "isSecondary": "maybe"}"#)
        #expect(result.cells["statusId"] == .text("new"))
        #expect(result.cells["utcOffset"] == .text("UTC+3"))
        #expect(result.cells["isSecondary"] == .text("maybe"))
        #expect(result.warnings.counts[.init(kind: .notAnInteger, field: "statusId")] == 1)
        #expect(result.warnings.counts[.init(kind: .notANumber, field: "utcOffset")] == 1)
        #expect(result.warnings.counts[.init(kind: .notABoolean, field: "isSecondary")] == 1)
    }

    @Test(arguments: [
        (#""2024-01-01T00:00:00Z""#, "2024-01-01T03:00:00+03:00"),
        (#""2024-01-01T03:00:00+03:00""#, "2024-01-01T03:00:00+03:00"),
        (#""2024-01-01 03:00:00""#, "2024-01-01T03:00:00+03:00"),
        (#""01.01.2024 03:00""#, "2024-01-01T03:00:00+03:00"),
        ("1704067200", "2024-01-01T03:00:00+03:00"),
        (#""1704067200""#, "2024-01-01T03:00:00+03:00"),
        ("1704067200000", "2024-01-01T03:00:00+03:00"),
        (#""2024-01-01T00:00:00.250Z""#, "2024-01-01T03:00:00.250+03:00"),
    ])
    func everyDateShapeBecomesISOInTheZone(raw: String, expected: String) throws {
        let result = try Self.normalize(#"{"id": 1, "createdAt": \#(raw)}"#)
        let createdAt = try #require(
            result.cells["createdAt"]?.dateTimeValue, "createdAt \(raw) was not read as a date: \(String(describing: result.cells["createdAt"]))")
        #expect(createdAt.iso8601.string == expected)
    }

    @Test func emptyAndGarbageDates() throws {
        let result = try Self.normalize(#"{"id": 1, "createdAt": null, "updatedAt": "", "planningCallDateTime": "завтра"}"#)
        #expect(result.cells["createdAt"] == .empty)
        #expect(result.cells["updatedAt"] == .empty)
        #expect(result.cells["planningCallDateTime"] == .text("завтра"))
        #expect(result.warnings.counts[.init(kind: .unparseableDate, field: "planningCallDateTime")] == 1)
    }

    @Test func phonesBecomeE164AndKeepTheirExtension() throws {
        let result = try Self.normalize(#"{"id": 1, "phone": "8 (900) 123-45-67 доб. 12", "telegramPhone": "не указан"}"#)
        #expect(result.cells["phone"] == .phone("+79001234567"))
        #expect(result.cells["phoneExtension"] == .text("12"))
        #expect(result.cells["telegramPhone"] == .text("не указан"))
        #expect(result.warnings.counts[.init(kind: .invalidPhone, field: "telegramPhone")] == 1)
    }

    @Test func emptyPHPArrayOfCustomValues() throws {
        let result = try Self.normalize(#"{"id": 1, "customValues": []}"#)
        #expect(result.cells["custom.10"] == .empty)
        #expect(result.record.extras.isEmpty)
        #expect(result.warnings.total == 0)
    }

    @Test func customValuesOfEveryShape() throws {
        let result = try Self.normalize(#"{"id": 1, "customValues": {"10": "1500000", "11": ["a", "b"], "99": true, "12": null}}"#)
        #expect(Self.layout.titles.contains("Бюджет"))
        #expect(result.cells["custom.10"] == .text("1500000"))
        #expect(result.cells["custom.11"] == .json(.array([.string("a"), .string("b")])))
        let extras = Dictionary(uniqueKeysWithValues: result.record.extras.map { ($0.key, $0.value) })
        #expect(extras["custom.99"] == .bool(true), "a custom field without a column still reaches NDJSON")
        #expect(extras["custom.12"] == .null)
        #expect(result.warnings.counts[.init(kind: .unknownCustomField, field: "custom.99")] == 1)
    }

    @Test func fieldsTheAPIAddsLaterPassThrough() throws {
        let result = try Self.normalize(#"{"id": 1, "utmSource": "yandex", "tags": ["a"], "name": "Иван"}"#)
        #expect(result.cells["name"] == .text("Иван"))
        #expect(result.record.extras.map(\.key) == ["utmSource", "tags"])
        #expect(result.record.extras[1].value == .array([.string("a")]))
    }

    @Test func textWithEveryTrickyCharacterIsKeptExactly() throws {
        let name = "=HYPERLINK(\"x\"),; \n\r\n\t\u{1}\u{B} 👨‍👩‍👧 Ёжик"
        var json: [UInt8] = []
        JSONWriter.appendString(name, to: &json)
        let result = try Self.normalize(#"{"id": 1, "name": \#(String(decoding: json, as: UTF8.self))}"#)
        #expect(result.cells["name"] == .text(name))
    }
}
