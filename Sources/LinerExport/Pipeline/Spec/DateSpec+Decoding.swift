import Foundation

/// Reading `normalize.dates` from a pipeline file: IANA zone names or `utc`; absent keys take the
/// defaults of `init(timeZone:sourceTimeZone:)`.
extension DateSpec: Decodable {
    private enum CodingKeys: String, CodingKey, CaseIterable { case timeZone, sourceTimeZone }

    public init(from decoder: Decoder) throws {
        try decoder.rejectUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(timeZone: container.decodeTimeZone(forKey: .timeZone))
        sourceTimeZone = try container.decodeTimeZone(forKey: .sourceTimeZone) ?? sourceTimeZone
    }
}
