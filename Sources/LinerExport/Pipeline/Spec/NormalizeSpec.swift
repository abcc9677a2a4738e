import Foundation

/// How raw leads are turned into clean columns.
public struct NormalizeSpec: Sendable, Decodable {
    public var phones = PhoneSpec()
    public var dates = DateSpec()
    /// Which custom fields become columns, and their names.
    public var customFields = CustomFieldSpec()

    private enum CodingKeys: String, CodingKey, CaseIterable { case phones, dates, customFields }

    public init() {}

    public init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        phones = try container.decodeIfPresent(PhoneSpec.self, forKey: .phones) ?? PhoneSpec()
        dates = try container.decodeIfPresent(DateSpec.self, forKey: .dates) ?? DateSpec()
        customFields = try container.decodeIfPresent(CustomFieldSpec.self, forKey: .customFields) ?? CustomFieldSpec()
    }
}

/// Phone normalization (`phone`, `telegramPhone`) with libphonenumber.
public struct PhoneSpec: Sendable, Decodable {
    /// Off keeps phones exactly as they came.
    public var enabled = true
    /// Region for numbers written without a country code (ISO 3166, e.g. `RU`).
    public var defaultRegion = "RU"
    public var format = PhoneFormat.e164
    /// What becomes of a number libphonenumber rejects: `keep` (default), `empty` or `fail`.
    public var invalid = InvalidPhonePolicy.keep

    private enum CodingKeys: String, CodingKey, CaseIterable { case enabled, defaultRegion, format, invalid }

    public init() {}

    public init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        enabled = try container.decodeIfPresent(Bool.self, forKey: .enabled) ?? true
        defaultRegion = try container.decodeIfPresent(String.self, forKey: .defaultRegion) ?? "RU"
        guard defaultRegion.count == 2, defaultRegion.allSatisfy({ $0.isASCII && $0.isUppercase }) else {
            throw DecodingError.dataCorruptedError(
                forKey: .defaultRegion, in: container,
                debugDescription: "expected a two-letter region code like \"RU\", got \"\(defaultRegion)\"")
        }
        if let name = try container.decodeIfPresent(String.self, forKey: .format) {
            guard let format = PhoneFormat(rawValue: name) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .format, in: container,
                    debugDescription: "expected one of \(PhoneFormat.allCases.map(\.rawValue).joined(separator: ", ")), got \"\(name)\"")
            }
            self.format = format
        }
        if let name = try container.decodeIfPresent(String.self, forKey: .invalid) {
            guard let policy = InvalidPhonePolicy(rawValue: name) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .invalid, in: container,
                    debugDescription: "expected one of \(InvalidPhonePolicy.allCases.map(\.rawValue).joined(separator: ", ")), got \"\(name)\"")
            }
            invalid = policy
        }
    }
}

/// Date normalization (`createdAt`, `updatedAt`, `planningCallDateTime`).
public struct DateSpec: Sendable, Decodable {
    /// Zone the output is written in (IANA name or `utc`); default: the window's zone.
    public var timeZone: TimeZone?
    /// Zone in which the API's dates without an offset are read. Default `Europe/Moscow`.
    public var sourceTimeZone = TimeZone(identifier: "Europe/Moscow")!

    private enum CodingKeys: String, CodingKey, CaseIterable { case timeZone, sourceTimeZone }

    public init() {}

    public init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        timeZone = try container.decodeTimeZone(forKey: .timeZone)
        sourceTimeZone = try container.decodeTimeZone(forKey: .sourceTimeZone) ?? sourceTimeZone
    }
}

/// `"auto"` (default): a column for every field the account's `/v2/custom-field/` list names, plus the
/// ids of `names`; `"none"`: only the ids of `names`. Either way an object maps ids to column names.
public struct CustomFieldSpec: Sendable, Decodable {
    public var discoversFields = true
    /// Column name per custom field id; ids not named here are called `custom.<id>`.
    public var names: [Int: String] = [:]

    public init() {}

    public init(from decoder: Decoder) throws {
        if let word = try? decoder.singleValueContainer().decode(String.self) {
            guard word == "auto" || word == "none" else {
                throw DecodingError.dataCorrupted(.init(
                    codingPath: decoder.codingPath,
                    debugDescription: "expected \"auto\", \"none\" or an object of id to column name, got \"\(word)\""))
            }
            discoversFields = word == "auto"
            return
        }
        let container = try decoder.container(keyedBy: AnyCodingKey.self)
        for key in container.allKeys {
            if key.stringValue == "discover" {
                discoversFields = try container.decode(Bool.self, forKey: key)
                continue
            }
            guard let id = Int(key.stringValue), id >= 0 else {
                throw DecodingError.dataCorruptedError(
                    forKey: key, in: container,
                    debugDescription: "expected a custom field id (digits) or \"discover\", got \"\(key.stringValue)\"")
            }
            names[id] = try container.decode(String.self, forKey: key)
        }
    }
}
