extension LeadNormalizer {
    /// A custom value and the id it is stored under.
    struct CustomValue {
        let id: Int
        let key: String
        let value: JSONValue
    }

    /// `customValues` as id/value pairs. PHP encodes an empty map as `[]` and a map with keys 0...n as
    /// an array, so an array's index is its id.
    func customValueMembers(of members: LeadMembers, warnings: inout NormalizationWarnings) -> [CustomValue] {
        switch members[LeadKeys.customValues] {
        case .object(let object):
            return object.members.map { member in
                CustomValue(id: Int(member.key) ?? -1, key: member.key, value: member.value)
            }
        case .array(let values):
            return values.enumerated().map { CustomValue(id: $0.offset, key: String($0.offset), value: $0.element) }
        case nil, .null:
            return []
        case .some:
            warnings.record(.malformedCustomValues, field: "customValues")
            return []
        }
    }

    /// What no column holds: fields the API added later, and custom values without a column
    /// (those are counted: a table output cannot show them).
    func extras(
        of members: LeadMembers, customValues: [CustomValue], warnings: inout NormalizationWarnings
    ) -> [(key: String, value: JSONValue)] {
        var extras: [(key: String, value: JSONValue)] = []
        if members.hasUnknownKeys {
            for member in members.lead.members where LeadKeys.slot(ofKey: member.key) == nil {
                extras.append(member)
            }
        }
        // Ids are read in place; only a value that goes to the extras is copied.
        customValues.withUnsafeBufferPointer { customValues in
            for index in customValues.indices where !hasColumn(customID: customValues[index].id) {
                let custom = customValues[index]
                extras.append((key: "custom.\(custom.key)", value: custom.value))
                if !custom.value.isNull, !knownCustomFields.contains(custom.id) { warnings.record(.unknownCustomField, field: "custom.\(custom.key)") }
            }
        }
        if case .some(let raw) = members[LeadKeys.customValues], !isCollection(raw) {
            extras.append((key: "customValues", value: raw))
        }
        return extras
    }

    /// Whether the custom field `id` has a column: a binary search of the ids, cheaper per value
    /// than hashing into `layout.customColumnIndex`.
    private func hasColumn(customID id: Int) -> Bool {
        var low = 0
        var high = customIDsWithColumns.count
        while low < high {
            let middle = (low + high) >> 1
            if customIDsWithColumns[middle] < id { low = middle + 1 } else { high = middle }
        }
        return low < customIDsWithColumns.count && customIDsWithColumns[low] == id
    }

    private func isCollection(_ value: JSONValue) -> Bool {
        switch value {
        case .object, .array, .null: return true
        default: return false
        }
    }
}
