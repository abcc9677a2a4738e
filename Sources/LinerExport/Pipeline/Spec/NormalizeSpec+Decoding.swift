/// Reading `normalize` from a pipeline file: absent keys take the defaults of `init(phones:dates:customFields:)`.
extension NormalizeSpec: Decodable {
    private enum CodingKeys: String, CodingKey, CaseIterable { case phones, dates, customFields }

    public init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init()
        phones = try container.decodeIfPresent(PhoneSpec.self, forKey: .phones) ?? phones
        dates = try container.decodeIfPresent(DateSpec.self, forKey: .dates) ?? dates
        customFields = try container.decodeIfPresent(CustomFieldSpec.self, forKey: .customFields) ?? customFields
    }
}
