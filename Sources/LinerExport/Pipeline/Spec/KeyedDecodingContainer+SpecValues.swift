import Foundation

/// The values of a pipeline file that several specs read, each checked so that the error names its key.
extension KeyedDecodingContainer {
    /// An integer in `range`, or nil when the key is absent.
    func decodeInteger(_ key: Key, in range: ClosedRange<Int>) throws -> Int? {
        guard let value = try decodeExactlyIfPresent(Int.self, forKey: key) else { return nil }
        guard range.contains(value) else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: self, debugDescription: "expected \(range.lowerBound) to \(range.upperBound), got \(value)")
        }
        return value
    }

    /// An array of ids (orders, statuses), each above 0, or nil when the key is absent.
    func decodeIDs(forKey key: Key) throws -> [Int]? {
        guard contains(key), try !decodeNil(forKey: key) else { return nil }
        var items = try nestedUnkeyedContainer(forKey: key)
        var ids: [Int] = []
        while !items.isAtEnd {
            let index = items.currentIndex
            func failure(_ description: String) -> DecodingError {
                .dataCorrupted(.init(codingPath: items.codingPath + [AnyCodingKey(intValue: index)], debugDescription: description))
            }
            let id: Int
            do {
                id = try items.decode(Int.self)
            } catch where !(error is DecodingError) {
                // A number that does not fit an `Int` (see `decodeExactlyIfPresent`): the literal, read again.
                let literal = (try? decode([Decimal].self, forKey: key)).map { "\($0[index])" } ?? "a number that does not fit"
                throw failure("expected an integer, got \(literal)")
            }
            guard id > 0 else { throw failure("expected a positive id, got \(id)") }
            ids.append(id)
        }
        return ids
    }

    /// The number at `key`, or nil when the key is absent.
    ///
    /// swift-foundation's `JSONDecoder` reports a number that does not fit the type asked for (`1.5` or
    /// `9223372036854775808` as an `Int`, `1e400` as a `Double`) by an internal error, not a
    /// `DecodingError`; `decode(_:from:)` turns it into "The given data was not valid JSON." with an empty
    /// coding path, which would leave the user to search the whole file. This names the key.
    func decodeExactlyIfPresent<T: Decodable & Numeric>(_ type: T.Type, forKey key: Key) throws -> T? {
        try namingUnrepresentableNumber(key, expected: T.self is Double.Type ? "a number" : "an integer") {
            try decodeIfPresent(type, forKey: key)
        }
    }

    /// Runs `decode` (which reads the number at `key`), naming the key when the number does not fit.
    func namingUnrepresentableNumber<T>(_ key: Key, expected: String, _ decode: () throws -> T) throws -> T {
        do {
            return try decode()
        } catch where !(error is DecodingError) {
            let literal = (try? decodeIfPresent(Decimal.self, forKey: key)).flatMap { $0 }.map { "\($0)" } ?? "a number that does not fit"
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "expected \(expected), got \(literal)")
        }
    }

    /// A number in `range`, or nil when the key is absent.
    func decodeNumber(_ key: Key, in range: ClosedRange<Double>) throws -> Double? {
        guard let value = try decodeExactlyIfPresent(Double.self, forKey: key) else { return nil }
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
