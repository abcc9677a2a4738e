import LinerJSON

extension RecordCodec {
    /// The creation time and cells of a line `encode` wrote (without its newline).
    /// - Throws: `ExportError.state` when the line is not such a line (the caller names the file).
    static func decode(_ line: UnsafeRawBufferPointer) throws -> (createdAt: Int64, cells: [Cell]) {
        let value: JSONValue
        do { value = try JSONParser.parse(line) } catch {
            throw ExportError.state("a tracked lead is not JSON (\(error))", underlying: error)
        }
        guard case .array(let elements) = value, let first = elements.first else {
            throw malformed("a line is not an array beginning with the creation time")
        }
        guard case .number(let literal) = first, let createdAt = Int64(literal) else {
            throw malformed("the creation time is not an integer")
        }
        var cells: [Cell] = []
        cells.reserveCapacity(elements.count - 1)
        for element in elements.dropFirst() {
            cells.append(try decodeCell(element))
        }
        return (createdAt, cells)
    }

    /// `decode` of a line held in an array.
    static func decode(_ line: [UInt8]) throws -> (createdAt: Int64, cells: [Cell]) {
        try line.withUnsafeBytes { try decode($0) }
    }

    private static func decodeCell(_ element: JSONValue) throws -> Cell {
        switch element {
        case .null: return .empty
        case .string(let text): return .text(text)
        case .bool(let flag): return .boolean(flag)
        case .number(let literal):
            guard let value = Int64(literal) else { throw malformed("\(literal) is not a 64-bit integer") }
            return .integer(value)
        case .array: throw malformed("a cell is a bare array")
        case .object(let object): return try decodeTagged(object.members)
        }
    }

    /// A cell written as a one-letter object (`{"n":"1e3"}`), or a date-time's `{"d":…,"s":…}`.
    private static func decodeTagged(_ members: [(key: String, value: JSONValue)]) throws -> Cell {
        switch (members.count, members.first?.key, members.first?.value) {
        case (1, "n", .string(let literal)?): return .number(literal)
        case (1, "D", .string(let text)?): return .date(text)
        case (1, "p", .string(let text)?): return .phone(text)
        case (1, "j", let value?): return .json(value)
        case (1, "l", .array(let elements)?):
            return .list(try elements.map { element in
                guard case .string(let item) = element else { throw malformed("a list item is not a string") }
                return item
            })
        case (2, "d", .number(let literal)?):
            guard let milliseconds = Int64(literal), members[1].key == "s", case .string(var text) = members[1].value,
                text.utf8.count <= ISO8601Text.capacity
            else { throw malformed("a date-time cell is not {\"d\":milliseconds,\"s\":\"ISO 8601\"}") }
            let iso8601 = text.withUTF8 { ISO8601Text(copying: $0) }
            return .dateTime(Timestamp(millisecondsSinceEpoch: milliseconds), iso8601: iso8601)
        default:
            throw malformed("a cell is an object of no known shape")
        }
    }

    private static func malformed(_ reason: String) -> ExportError {
        .state("a tracked lead is malformed (\(reason))")
    }
}
