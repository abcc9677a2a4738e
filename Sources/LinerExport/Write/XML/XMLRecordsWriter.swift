import LinerJSON

/// XML with one `<lead>` element per lead, streamed through libxml2's `xmlTextWriter`; the file
/// validates against `schemas/leads.xsd`.
///
/// The root `<leads>` carries the run's window and filters as attributes; `<columns>` lists each
/// column's key and title once; each `<lead>` has a child per non-empty field, named by its key
/// (`<phone>`), custom values as `<custom id="10" title="Бюджет">`, a multiselect's values as
/// `<item>` children, and whatever no column holds as `<extra key="...">` with its JSON text, so no
/// value is dropped. Text keeps its full length; characters XML 1.0 forbids become U+FFFD and are
/// counted as warnings.
public final class XMLRecordsWriter: RecordWriter {
    private let stream: XMLStream
    private let columns: [Column]
    public private(set) var warnings = NormalizationWarnings()
    private var scratch: [UInt8] = []

    /// - Throws: `ExportError.output` when libxml2 or the disk fails.
    public init(file: AtomicOutputFile, columns: [Column], metadata: ExportMetadata? = nil) throws {
        stream = try XMLStream(file: file, indent: true)
        self.columns = columns
        try stream.startElement("leads")
        if let metadata {
            try stream.attribute("pipeline", clean(metadata.pipelineName, field: "pipeline"))
            try stream.attribute("from", metadata.iso8601(metadata.window.from))
            try stream.attribute("to", metadata.iso8601(metadata.window.to))
            try stream.attribute("timeZone", metadata.window.timeZone.identifier)
            try stream.attribute("datesTimeZone", metadata.timeZone.identifier)
            try stream.attribute("orderIds", metadata.filters.orderIds.map(String.init).joined(separator: " "))
            try stream.attribute("statusIds", metadata.filters.statusIds.map(String.init).joined(separator: " "))
            try stream.attribute("generatedAt", metadata.iso8601(metadata.generatedAt))
            try stream.attribute("tool", metadata.toolVersion)
        }
        try stream.startElement("columns")
        for column in columns {
            try stream.startElement("column")
            try stream.attribute("key", column.key)
            try stream.attribute("title", clean(column.title, field: column.key))
            try stream.endElement()
        }
        try stream.endElement()
    }

    public func write(_ record: Record) throws {
        try stream.startElement("lead")
        for (column, cell) in zip(columns, record.cells) {
            if case .empty = cell { continue }
            switch column.source {
            case .field:
                try stream.startElement(column.key)
            case .custom(let id):
                try stream.startElement("custom")
                try stream.attribute("id", String(id.value))
                if column.title != column.key { try stream.attribute("title", clean(column.title, field: column.key)) }
            }
            try writeValue(cell, field: column.key)
            try stream.endElement()
        }
        for extra in record.extras {
            try stream.startElement("extra")
            try stream.attribute("key", clean(extra.key, field: "extra"))
            try stream.text(clean(json(extra.value), field: extra.key))
            try stream.endElement()
        }
        try stream.endElement()
    }

    public func finish() throws {
        try stream.finish()
    }

    private func writeValue(_ cell: Cell, field: String) throws {
        switch cell {
        case .empty: break
        case .text(let text), .phone(let text): try stream.text(clean(text, field: field))
        case .integer(let value): try stream.text(String(value))
        case .number(let literal): try stream.text(clean(literal, field: field))
        case .boolean(let flag): try stream.text(flag ? "true" : "false")
        case .dateTime(_, let iso8601): try stream.text(clean(iso8601.string, field: field))
        case .date(let iso8601): try stream.text(clean(iso8601, field: field))
        case .list(let items):
            for item in items { try stream.element("item", clean(item, field: field)) }
        case .json(let value): try stream.text(clean(json(value), field: field))
        }
    }

    private func json(_ value: JSONValue) -> String {
        scratch.removeAll(keepingCapacity: true)
        JSONWriter.append(value, to: &scratch)
        return String(decoding: scratch, as: UTF8.self)
    }

    /// `text` without the characters XML forbids, counting the values that had some.
    private func clean(_ text: String, field: String) -> String {
        let (clean, replaced) = XMLCharacters.sanitized(text)
        if replaced > 0 { warnings.record(.forbiddenXMLCharacter, field: "xml: " + field) }
        return clean
    }
}
