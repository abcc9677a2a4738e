import Foundation
import LinerJSON
import LinerTestSupport
import Testing

@testable import LinerExport

/// `LeadKeys.matcher` finds a lead's key by identity when the JSON parser made it with the lead keys
/// as its known keys (one shared `String` per name) and by its bytes otherwise; both must give the
/// same slot, and nothing else may match (the envelope's keys are no lead keys).
struct LeadKeysTests {
    @Test func parsedKeysAreFoundByIdentityAtTheirSlot() throws {
        let names = LeadKeys.names
        let lead = "{" + names.enumerated().map { #""\#($1)":\#($0)"# }.joined(separator: ",") + "}"
        let object = try #require(try JSONParser.parse(lead, knownKeys: LeadKeys.matcher).objectValue)
        #expect(object.members.count == names.count)
        for member in object.members {
            let slot = try #require(LeadKeys.matcher.slot(ofShared: member.key), "\(member.key) not shared")
            #expect(LeadKeys.names[slot] == member.key)
            #expect(LeadKeys.slot(ofKey: member.key) == slot)
        }
    }

    @Test func aKeyBuiltAtRunTimeIsFoundByItsBytes() throws {
        // Longer than a small string, made at run time: equal text in storage of its own.
        let name = try #require(LeadKeys.names.first { $0.utf8.count > 15 })
        let copy = String(decoding: Array(name.utf8), as: UTF8.self)
        #expect(LeadKeys.matcher.slot(ofShared: copy) == nil)
        #expect(LeadKeys.slot(ofKey: copy) == LeadKeys.slot(of: name))
    }

    @Test func unknownAndEnvelopeKeysAreNoLeadKeys() {
        for key in ["", "Бюджет", "custom.11", "createdAtX", "data", "list", "total", "success", "message"] {
            #expect(LeadKeys.slot(ofKey: key) == nil, "\(key)")
        }
        #expect(LeadKeys.matcher.slot(ofKey: "total") != nil)
    }
}
