import Foundation
import Testing

@testable import LinerMock

@Suite("Internals: JSON escaping, timestamps, calendar")
struct InternalsTests {
    @Test("every control character, quote and backslash round-trips through the JSON writer")
    func escaping() throws {
        var text = String((0..<0x80).map { Character(Unicode.Scalar(UInt8($0))) })
        text += "Ёлка 👨‍👩‍👧 🇷🇺 \u{2028}\u{FEFF}"
        var writer = JSONWriter()
        writer.beginArray()
        writer.element()
        writer.string(text)
        writer.element()
        writer.int(Int64.min)
        writer.element()
        writer.tenths(-35)
        writer.endArray()
        let json = writer.string
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [Any])
        #expect(parsed[0] as? String == text)
        #expect((parsed[1] as? NSNumber)?.int64Value == Int64.min)
        #expect((parsed[2] as? NSNumber)?.doubleValue == -3.5)
        #expect(!json.utf8.contains { $0 < 0x20 })
        #expect(json.contains("\\u0001") && json.contains("\\u000b") && json.contains("\\u001f"))
    }

    @Test("ISO 8601 bounds", arguments: [
        ("2024-01-01T00:00:00Z", Int64(1_704_067_200), false),
        ("2024-01-01T03:00:00+03:00", 1_704_067_200, false),
        ("2023-12-31T19:00:00-05:00", 1_704_067_200, false),
        ("2024-01-01T00:00:00.000Z", 1_704_067_200, false),
        ("2024-01-01T00:00:00.250Z", 1_704_067_200, true),
        ("2024-01-01 00:00:00Z", 1_704_067_200, false),
        ("2024-01-01T00:00Z", 1_704_067_200, false),
        ("2024-02-29T12:00:00+0530", 1_709_188_200, false),
    ])
    func timestamps(text: String, seconds: Int64, fraction: Bool) {
        let parsed = ISO8601Timestamp(parsing: Substring(text))
        #expect(parsed?.seconds == seconds)
        #expect(parsed?.hasFraction == fraction)
    }

    @Test("malformed timestamps are rejected", arguments: [
        "", "2024-01-01", "2024-01-01T00:00:00", "2024-01-01T00:00:00 03:00", "2023-02-29T00:00:00Z",
        "2024-01-01T24:00:00Z", "2024-1-01T00:00:00Z", "2024-01-01T00:00:00.Z", "2024-01-01T00:00:00Zjunk",
    ])
    func malformed(text: String) {
        #expect(ISO8601Timestamp(parsing: Substring(text)) == nil)
    }

    @Test("civil time agrees with Foundation's Gregorian calendar")
    func civilTime() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        var state: UInt64 = 12_345
        for _ in 0..<2_000 {
            state = SeededHash.mix(state)
            let seconds = Int64(state % 8_000_000_000) - 1_000_000_000
            let civil = CivilTime(unixSeconds: seconds)
            let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .weekday], from: Date(timeIntervalSince1970: TimeInterval(seconds)))
            #expect([civil.year, civil.month, civil.day, civil.hour, civil.minute, civil.second] == [parts.year, parts.month, parts.day, parts.hour, parts.minute, parts.second])
            #expect(civil.weekday + 1 == parts.weekday)
            #expect(civil.unixSecondsAsUTC == seconds)
        }
        #expect(CivilTime.httpDate(unixSeconds: 784_111_777) == "Sun, 06 Nov 1994 08:49:37 GMT")
    }

    @Test("Moscow wall-time shapes fall back before 2014-10-26 and off whole minutes")
    func moscowFallback() {
        #expect(DateShape.pick(perMille: 999, variant: 0, unixSeconds: 1_704_067_200) == .moscowDotted)
        #expect(DateShape.pick(perMille: 999, variant: 0, unixSeconds: 1_704_067_230) == .moscowSQL)
        #expect(DateShape.pick(perMille: 999, variant: 0, unixSeconds: 1_400_000_040) == .isoZulu)
        #expect(DateShape.pick(perMille: 600, variant: 0, unixSeconds: 1_400_000_000) == .isoZulu)
    }
}
