import PhoneShim

/// Reading `normalize.phones` from a pipeline file: absent keys take the defaults of `init(enabled:...)`.
extension PhoneSpec: Decodable {
    private enum CodingKeys: String, CodingKey, CaseIterable { case enabled, defaultRegion, format, invalid }

    public init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init()
        enabled = try container.decodeIfPresent(Bool.self, forKey: .enabled) ?? enabled
        if let defaultRegion = try container.decodeIfPresent(String.self, forKey: .defaultRegion) {
            guard defaultRegion.count == 2, defaultRegion.allSatisfy({ $0.isASCII && $0.isUppercase }) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .defaultRegion, in: container,
                    debugDescription: "expected a two-letter region code like \"RU\", got \"\(defaultRegion)\"")
            }
            // Asked only when phones are normalized: the library's first use costs tens of milliseconds.
            guard !enabled || liner_phone_is_supported_region(defaultRegion) != 0 else {
                throw DecodingError.dataCorruptedError(
                    forKey: .defaultRegion, in: container,
                    debugDescription: "expected a region libphonenumber knows (ISO 3166 code like \"RU\"), got \"\(defaultRegion)\"")
            }
            self.defaultRegion = defaultRegion
        }
        format = try container.decodeCase(PhoneFormat.self, forKey: .format) ?? format
        invalid = try container.decodeCase(InvalidPhonePolicy.self, forKey: .invalid) ?? invalid
    }
}
