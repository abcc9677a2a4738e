import Foundation
import LinerJSON

/// The raw keys of a lead that columns read (`LeadField.rawNames`), numbered: a key's slot is its
/// index in `names`.
public enum LeadKeys {
    static let names: [String] = LeadField.rawNames.sorted()

    private static let slotsByName = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })

    /// The slot of a field's raw key, for plans made once per normalizer (not per lead). Every
    /// field `LeadField` lists that is not derived has one.
    static func slot(of name: String) -> Int {
        guard let slot = slotsByName[name] else { preconditionFailure("\(name) is not a raw lead key") }
        return slot
    }

    static let id = slot(of: "id")
    static let utcOffset = slot(of: "utcOffset")
    static let statusId = slot(of: "statusId")
    static let orderId = slot(of: "orderId")
    static let customValues = slot(of: "customValues")

    /// Matches keys of leads as they arrive; read it once per lead, not once per key. It also knows
    /// the page envelope's keys (slots from `names.count` on). Pass it as the known keys when parsing
    /// pages or leads (`JSONParser.parse(_:knownKeys:)`): the parser then shares one `String` for
    /// each of these keys, which `LeadMembers` matches by identity.
    public static let matcher = KeyMatcher(names: names + ["data", "list", "total", "success", "message"])

    /// The slot of `key`, or nil when it is not a lead key `names` lists.
    static func slot(ofKey key: String) -> Int? {
        guard let slot = matcher.slot(ofKey: key), slot < names.count else { return nil }
        return slot
    }
}

