import Foundation
import LinerJSON
import Logging

/// Writes one JSON object per log line to stderr, for journald, Loki or any collector that reads
/// structured lines: `{"time":"…","level":"info","message":"…","pipeline":"nightly",…}`.
///
/// Metadata keys become top-level members; the fixed members win over metadata of the same name.
/// A value logged as a number (`.stringConvertible(42)`, an `Int` or `Double`) is a JSON number;
/// text (`"\(count)"`) stays a JSON string.
public struct JSONLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    public var logLevel: Logger.Level = .info
    private let label: String
    private let write: @Sendable ([UInt8]) -> Void

    /// - Parameter write: where each finished line goes; stderr by default (tests capture it).
    public init(label: String, write: @escaping @Sendable ([UInt8]) -> Void = JSONLogHandler.writeToStandardError) {
        self.label = label
        self.write = write
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { $1 } }
        if let own = event.metadata { merged.merge(own) { $1 } }
        var members: [(key: String, value: JSONValue)] = [
            ("time", .string(Self.timestamp())),
            ("level", .string(event.level.rawValue)),
            ("logger", .string(label)),
            ("message", .string(event.message.description)),
        ]
        let fixed = Set(members.map(\.key))
        for (key, value) in merged.sorted(by: { $0.key < $1.key }) where !fixed.contains(key) {
            members.append((key, Self.json(value)))
        }
        var line: [UInt8] = []
        JSONWriter.append(.object(JSONObject(members)), to: &line)
        line.append(0x0A)
        write(line)
    }

    private static func json(_ value: Logger.Metadata.Value) -> JSONValue {
        switch value {
        case .string(let text): return .string(text)
        case .stringConvertible(let convertible): return number(convertible) ?? .string(convertible.description)
        case .array(let values): return .array(values.map(json))
        case .dictionary(let values): return .object(JSONObject(values.sorted { $0.key < $1.key }.map { ($0.key, json($0.value)) }))
        }
    }

    /// `value` as a JSON number when it is an integer or a finite floating-point number.
    private static func number(_ value: any CustomStringConvertible & Sendable) -> JSONValue? {
        switch value {
        case is any BinaryInteger: return .number(value.description)
        case let double as Double where double.isFinite: return .number(double.description)
        case let float as Float where float.isFinite: return .number(float.description)
        default: return nil
        }
    }

    private static func timestamp() -> String {
        let now = Date().timeIntervalSince1970
        return TimestampFormatter(timeZone: .gmt).iso8601(Timestamp(millisecondsSinceEpoch: Int64(now * 1000)))
    }

    public static let writeToStandardError: @Sendable ([UInt8]) -> Void = { bytes in
        bytes.withUnsafeBytes { _ = Foundation.write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }
}
