import Foundation
import LinerJSON

extension PipelineLoader {
    /// Checks what `JSONDecoder` lets through or words poorly: syntax errors get a line and column,
    /// and a key written twice in one object is an error (the decoder would silently keep one).
    /// - Throws: `ExportError.badPipeline`.
    static func checkSyntax(_ data: Data, origin: String) throws {
        let value: JSONValue
        do {
            value = try data.withUnsafeBytes { try JSONParser.parse($0) }
        } catch let error as JSONParseError {
            let (line, column) = position(of: error.byteOffset, in: data)
            throw ExportError.badPipeline("\(origin): not valid JSON at line \(line), column \(column): \(error.reason)")
        }
        if let path = firstRepeatedKey(in: value, path: "") {
            throw ExportError.badPipeline("\(origin): \(path): the key appears twice; keep one")
        }
    }

    private static func firstRepeatedKey(in value: JSONValue, path: String) -> String? {
        switch value {
        case .object(let object):
            var keys = Set<String>()
            for member in object.members {
                let memberPath = path.isEmpty ? member.key : "\(path).\(member.key)"
                guard keys.insert(member.key).inserted else { return memberPath }
                if let repeated = firstRepeatedKey(in: member.value, path: memberPath) { return repeated }
            }
        case .array(let items):
            for (index, item) in items.enumerated() {
                if let repeated = firstRepeatedKey(in: item, path: "\(path)[\(index)]") { return repeated }
            }
        default:
            break
        }
        return nil
    }

    /// 1-based line and column (in characters) of a byte offset.
    private static func position(of offset: Int, in data: Data) -> (line: Int, column: Int) {
        let prefix = data.prefix(offset)
        let line = prefix.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
        let lineStart = prefix.lastIndex(of: 0x0A).map { $0 + 1 } ?? prefix.startIndex
        let column = String(decoding: prefix[lineStart...], as: UTF8.self).count + 1
        return (line, column)
    }
}
