import Testing

@testable import LinerJSON

/// `KeyMatcher` finds a key by identity when the JSON parser made it (one shared `String` per known
/// name) and by its bytes otherwise; both must give the same slot, and nothing else may match.
struct KeyMatcherTests {
    /// Short names (held in a string's own words) and long ones (in storage of their own).
    static let names = ["id", "name", "statusId", "a", "customValues", "createdAtTimestampWithZone", "Бюджет на месяц"]
    static let matcher = KeyMatcher(names: names)

    @Test func parsedKeysAreSharedAndFoundByIdentityAtTheirSlot() throws {
        let names = Self.names
        let text = "{" + names.enumerated().map { #""\#($1)":\#($0)"# }.joined(separator: ",") + "}"
        let value = try JSONParser.parse(text, knownKeys: Self.matcher)
        guard case .object(let object) = value else { Issue.record("not an object"); return }
        #expect(object.members.count == names.count)
        for (position, member) in object.members.enumerated() {
            let slot = try #require(Self.matcher.slot(ofShared: member.key), "\(member.key) not shared")
            #expect(slot == position)
            #expect(Self.matcher.slot(ofWords: StringWords(member.key)) == slot)
            #expect(Self.matcher.slot(ofKey: member.key) == slot)
        }
    }

    @Test func keysWithEscapesOrUnknownKeysAreParsedAsTheyAre() throws {
        let value = try JSONParser.parse(#"{"n\u0061me":1,"other":2}"#, knownKeys: Self.matcher)
        guard case .object(let object) = value else { Issue.record("not an object"); return }
        #expect(object.members.map(\.key) == ["name", "other"])
        #expect(Self.matcher.slot(ofKey: object.members[0].key) == 1)
        #expect(Self.matcher.slot(ofKey: object.members[1].key) == nil)
    }

    @Test func withoutKnownKeysTheSameDocumentParsesEqual() throws {
        let text = #"{"createdAtTimestampWithZone":1,"id":[{"name":null}]}"#
        #expect(try JSONParser.parse(text) == JSONParser.parse(text, knownKeys: Self.matcher))
        #expect(KeyMatcher.empty.slot(ofKey: "id") == nil)
    }

    @Test func aKeyBuiltAtRunTimeIsFoundByItsBytes() throws {
        // Longer than a small string, made at run time: equal text in storage of its own.
        let name = try #require(Self.names.first { $0.utf8.count > 15 })
        let copy = String(decoding: Array(name.utf8), as: UTF8.self)
        #expect(Self.matcher.slot(ofShared: copy) == nil)
        #expect(Self.matcher.slot(ofKey: copy) == Self.names.firstIndex(of: name))
        #expect(Self.matcher.slot(ofUnsharedKey: copy) == Self.names.firstIndex(of: name))
    }

    @Test func unknownKeysHaveNoSlot() {
        for key in ["", "Бюджет", "custom.11", "idx", "Id", "statusid", "createdAtTimestampWithZon"] {
            #expect(Self.matcher.slot(ofKey: key) == nil, "\(key)")
        }
    }
}
