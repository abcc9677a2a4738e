import LinerJSON

extension LeadNormalizer {
    /// What no column holds: fields the API added later, and custom values without a column
    /// (those are counted: a table output cannot show them). PHP encodes an empty map as `[]` and a
    /// map with keys 0...n as an array, so an array's index is its id.
    func extras(of members: LeadMembers, warnings: inout NormalizationWarnings) -> [(key: String, value: JSONValue)] {
        var extras: [(key: String, value: JSONValue)] = []
        if members.hasUnknownKeys {
            // Keys are read in place: copying every member out retained and released its value.
            members.lead.members.withUnsafeBufferPointer { lead in
                for index in lead.indices where LeadKeys.slot(ofKey: lead[index].key) == nil {
                    extras.append(lead[index])
                }
            }
        }
        func addWithoutColumn(id: Int?, key: String, value: JSONValue) {
            if let id, LeadMembers.ordinal(of: id, in: customIDsWithColumns) != nil { return }
            extras.append((key: "custom.\(key)", value: value))
            if !value.isNull, !(id.map(knownCustomFields.contains) ?? false) {
                warnings.record(.unknownCustomField, field: "custom.\(key)", value: RejectedValue.text(of: value))
            }
        }
        switch members[LeadKeys.customValues] {
        case .object(let object):
            guard members.hasCustomValuesWithoutColumn else { break }
            for member in object.members { addWithoutColumn(id: Int(member.key), key: member.key, value: member.value) }
        case .array(let values):
            guard members.hasCustomValuesWithoutColumn else { break }
            for (id, value) in values.enumerated() { addWithoutColumn(id: id, key: String(id), value: value) }
        case nil, .null:
            break
        case .some(let raw):
            warnings.record(.malformedCustomValues, field: "customValues", value: RejectedValue.text(of: raw))
            extras.append((key: "customValues", value: raw))
        }
        return extras
    }
}
