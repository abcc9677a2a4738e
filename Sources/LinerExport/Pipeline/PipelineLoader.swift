import Foundation

/// Reads and validates a pipeline file, turning every decoding problem into one readable line
/// that names the file, the key path and what was expected.
public enum PipelineLoader {
    /// The largest pipeline file read: a real one is a few kilobytes, and parsing a huge one (say 50 MB
    /// of nested arrays) would take gigabytes before refusing it.
    public static let maxBytes = 1 << 20

    /// - Throws: `ExportError` with code `.badPipeline`, also for a file over `maxBytes`.
    public static func load(path: String) throws -> PipelineSpec {
        let data: Data
        do {
            let file = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
            defer { try? file.close() }
            var status = stat()
            if fstat(file.fileDescriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG, status.st_size > maxBytes {
                throw tooLarge(path, size: "\(status.st_size) bytes")
            }
            // The size can change between `fstat` and the read (or not be known, for a pipe): the read is
            // bounded too.
            data = try file.read(upToCount: maxBytes + 1) ?? Data()
        } catch let error as ExportError {
            throw error
        } catch {
            throw ExportError.badPipeline("\(path): cannot read the file (\(Self.reason(error)))")
        }
        guard data.count <= maxBytes else { throw tooLarge(path, size: "over \(maxBytes) bytes") }
        return try decode(data, origin: path)
    }

    private static func tooLarge(_ path: String, size: String) -> ExportError {
        .badPipeline("\(path): the pipeline file is \(size); at most 1 MB (\(maxBytes) bytes) is read")
    }

    /// Decodes pipeline JSON; `origin` names it in errors (a path, or "embedded demo pipeline").
    public static func decode(_ data: Data, origin: String) throws -> PipelineSpec {
        guard data.contains(where: { !Set<UInt8>([0x20, 0x0A, 0x0D, 0x09]).contains($0) }) else {
            throw ExportError.badPipeline("\(origin): the file is empty; expected a JSON object")
        }
        try checkSyntax(data, origin: origin)
        do {
            return try JSONDecoder().decode(PipelineSpec.self, from: data)
        } catch let error as DecodingError {
            throw ExportError.badPipeline("\(origin): \(describe(error))")
        } catch {
            throw ExportError.badPipeline("\(origin): \(error)", underlying: error)
        }
    }

    /// `outputs[1].format: expected one of csv, ndjson, got "xls"`.
    static func describe(_ error: DecodingError) -> String {
        switch error {
        case .typeMismatch(let type, let context):
            return "\(keyPath(context.codingPath)): expected \(typeName(type)), got \(found(in: context))"
        case .valueNotFound(let type, let context):
            return "\(keyPath(context.codingPath)): expected \(typeName(type)), got null"
        case .keyNotFound(let key, let context):
            return "\(keyPath(context.codingPath + [key])): required key is missing"
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            // `checkSyntax` has passed: swift-foundation says "not valid JSON" with no coding path also for a
            // number that does not fit the type asked for. The spec's number reads name the key for that
            // (`decodeExactlyIfPresent`); this is the last resort for a read that does not.
            let detail = (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
            return "a value cannot be read: \(detail ?? context.underlyingError.map { "\($0)" } ?? context.debugDescription)"
        case .dataCorrupted(let context):
            return "\(keyPath(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }

    static func keyPath(_ codingPath: [CodingKey]) -> String {
        var path = ""
        for key in codingPath {
            if let index = key.intValue {
                path += "[\(index)]"
            } else {
                path += path.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return path.isEmpty ? "(top level)" : path
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Int.Type, is Int64.Type: return "an integer"
        case is Double.Type: return "a number"
        case is Bool.Type: return "true or false"
        default: return "\(type)".hasPrefix("Array") ? "an array" : "an object"
        }
    }

    /// Foundation says "Expected to decode String but found number instead."; keep the "number".
    private static func found(in context: DecodingError.Context) -> String {
        let text = context.debugDescription
        guard let range = text.range(of: "but found ") else { return "something else" }
        var tail = text[range.upperBound...]
        if let end = tail.range(of: " instead") { tail = tail[..<end.lowerBound] }
        let found = tail.hasPrefix("a ") || tail.hasPrefix("an ") ? String(tail) : "a \(tail)"
        // Foundation speaks Swift ("a dictionary"); the file is JSON.
        return found == "a dictionary" ? "an object" : found
    }

    private static func reason(_ error: Error) -> String {
        (error as NSError).localizedFailureReason ?? (error as NSError).localizedDescription
    }
}
