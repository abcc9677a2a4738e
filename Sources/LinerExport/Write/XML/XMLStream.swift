import CLibXML2

/// libxml2's `xmlTextWriter` writing into an `AtomicOutputFile` through libxml2's output callbacks,
/// so the bytes go through the same buffered, atomically published file as every other format.
///
/// Text handed to it must already be valid XML 1.0 characters (`XMLCharacters`): libxml2 escapes
/// markup but writes a control character such as U+0001 as a raw byte, which makes the file ill-formed.
final class XMLStream {
    private let file: AtomicOutputFile
    private var writer: xmlTextWriterPtr?
    /// The first error the file raised inside libxml2's write callback.
    private var writeError: Error?

    /// - Throws: `ExportError.output` when libxml2 cannot start the writer.
    init(file: AtomicOutputFile, indent: Bool) throws {
        self.file = file
        let context = Unmanaged.passUnretained(self).toOpaque()
        guard let output = xmlOutputBufferCreateIO(
            { context, bytes, length in
                let stream = Unmanaged<XMLStream>.fromOpaque(context!).takeUnretainedValue()
                guard let bytes, length > 0 else { return 0 }
                do {
                    try stream.file.append(UnsafeRawBufferPointer(start: bytes, count: Int(length)))
                    return length
                } catch {
                    stream.writeError = stream.writeError ?? error
                    return -1
                }
            },
            { _ in 0 }, context, nil),
            let writer = xmlNewTextWriter(output)
        else {
            throw ExportError.output("libxml2 could not start a writer for \(file.finalPath)")
        }
        self.writer = writer
        if indent {
            xmlTextWriterSetIndent(writer, 1)
            _ = "  ".withCString { xmlTextWriterSetIndentString(writer, UnsafeRawPointer($0).assumingMemoryBound(to: xmlChar.self)) }
        }
        try check(xmlTextWriterStartDocument(writer, "1.0", "UTF-8", nil))
    }

    deinit {
        if let writer { xmlFreeTextWriter(writer) }
    }

    func startElement(_ name: String) throws {
        try check(Self.with(name) { xmlTextWriterStartElement(writer, $0) })
    }

    func endElement() throws {
        try check(xmlTextWriterEndElement(writer))
    }

    func attribute(_ name: String, _ value: String) throws {
        try check(Self.with(name) { name in Self.with(value) { xmlTextWriterWriteAttribute(writer, name, $0) } })
    }

    func text(_ text: String) throws {
        try check(Self.with(text) { xmlTextWriterWriteString(writer, $0) })
    }

    /// `<name>text</name>`.
    func element(_ name: String, _ text: String) throws {
        try check(Self.with(name) { name in Self.with(text) { xmlTextWriterWriteElement(writer, name, $0) } })
    }

    /// A processing instruction such as `<?mso-application progid="Excel.Sheet"?>`.
    func processingInstruction(_ target: String, _ content: String) throws {
        try check(Self.with(target) { target in Self.with(content) { xmlTextWriterWritePI(writer, target, $0) } })
    }

    /// Closes every open element, flushes and frees the writer.
    func finish() throws {
        guard let writer else { return }
        defer {
            xmlFreeTextWriter(writer)
            self.writer = nil
        }
        try check(xmlTextWriterEndDocument(writer))
        try check(xmlTextWriterFlush(writer))
    }

    private func check(_ result: Int32) throws {
        if let writeError { throw writeError }
        guard result >= 0 else { throw ExportError.output("libxml2 could not write \(file.finalPath)") }
    }

    /// `text` as the NUL-terminated UTF-8 libxml2 reads (sanitized text holds no U+0000).
    private static func with<T>(_ text: String, _ body: (UnsafePointer<xmlChar>) -> T) -> T {
        text.withCString { body(UnsafeRawPointer($0).assumingMemoryBound(to: xmlChar.self)) }
    }
}
