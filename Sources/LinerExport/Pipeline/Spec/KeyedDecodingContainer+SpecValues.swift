import Foundation

/// The values of a pipeline file that several specs read, each checked so that the error names its key.
extension KeyedDecodingContainer {
    /// An integer in `range`, or nil when the key is absent.
    func decodeInteger(_ key: Key, in range: ClosedRange<Int>) throws -> Int? {
        guard let value = try decodeIfPresent(Int.self, forKey: key) else { return nil }
        guard range.contains(value) else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: self, debugDescription: "expected \(range.lowerBound) to \(range.upperBound), got \(value)")
        }
        return value
    }

    /// A number in `range`, or nil when the key is absent.
    func decodeNumber(_ key: Key, in range: ClosedRange<Double>) throws -> Double? {
        guard let value = try decodeIfPresent(Double.self, forKey: key) else { return nil }
        guard range.contains(value) else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: self,
                debugDescription: "expected \(range.lowerBound.plainText) to \(range.upperBound.plainText), got \(value.plainText)")
        }
        return value
    }

    /// The case of `T` named by the string at `key` (`"e164"`), or nil when the key is absent.
    func decodeCase<T: RawRepresentable & CaseIterable>(_ type: T.Type, forKey key: Key) throws -> T?
    where T.RawValue == String {
        guard let name = try decodeIfPresent(String.self, forKey: key) else { return nil }
        guard let value = T(rawValue: name) else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: self,
                debugDescription: "expected one of \(T.allCases.map(\.rawValue).joined(separator: ", ")), got \"\(name)\"")
        }
        return value
    }

    /// An IANA zone name, or `utc`; nil when the key is absent.
    func decodeTimeZone(forKey key: Key) throws -> TimeZone? {
        guard let name = try decodeIfPresent(String.self, forKey: key) else { return nil }
        let identifier = name.lowercased() == "utc" ? "UTC" : name
        guard let zone = TimeZone(identifier: identifier) else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: self,
                debugDescription: "expected an IANA time zone like \"Europe/Moscow\" or \"utc\", got \"\(name)\"")
        }
        return zone
    }

    /// One end of a window (`WindowBound`'s forms).
    func decodeWindowBound(forKey key: Key) throws -> WindowBound {
        let text = try decode(String.self, forKey: key)
        guard let bound = WindowBound(text) else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: self,
                debugDescription: "expected an ISO 8601 date or date-time, \"now\", \"today\", \"yesterday\" "
                    + "or \"N days ago\", got \"\(text)\"")
        }
        return bound
    }
}

private extension Double {
    /// `0.5`, `30` (no trailing `.0`).
    var plainText: String { self == rounded() && abs(self) < 1e15 ? String(Int64(self)) : String(self) }
}
