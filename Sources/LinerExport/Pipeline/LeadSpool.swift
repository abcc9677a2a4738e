import Foundation
import LinerJSON

/// The leads one window fetched, as the API sent them, one JSON object a line, written under a
/// temporary name and renamed into place only when the window is complete and consistent; private
/// (0600), as the state's spool folder is.
///
/// Every output is rendered from the spools in window order once all windows are done, so a resumed
/// run renders exactly the bytes an uninterrupted one would, whatever the output format.
final class LeadSpoolWriter: LeadSink {
    private let file: AtomicOutputFile
    private var line: [UInt8] = []

    init(path: String) throws {
        file = try AtomicOutputFile(finalPath: path, isPrivate: true)
    }

    /// Spools the lead as it came; it is normalized when the spool is rendered.
    func append(_ lead: JSONObject, prepared: PreparedLead?) throws {
        line.removeAll(keepingCapacity: true)
        JSONWriter.append(.object(lead), to: &line)
        line.append(0x0A)
        try file.append(line)
    }

    /// Syncs and renames the spool into place.
    func complete() throws { try file.publish() }

    /// Removes the temporary file.
    func discard() { file.discard() }
}

/// Reads a spool back one lead at a time, in 1 MB chunks: memory does not grow with the window.
enum LeadSpoolReader {
    /// - Throws: `ExportError.state` when the file cannot be read or a line is not a lead object.
    static func forEachLead(in path: String, _ body: (JSONObject) throws -> Void) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ExportError.state("cannot open the spool \(path)")
        }
        defer { try? handle.close() }
        var pending: [UInt8] = []
        var lineNumber = 0
        func emit(_ bytes: ArraySlice<UInt8>) throws {
            lineNumber += 1
            guard !bytes.isEmpty else { return }
            let value = try? bytes.withUnsafeBytes { try JSONParser.parse($0, knownKeys: LeadKeys.matcher) }
            guard case .object(let lead)? = value else {
                throw ExportError.state("the spool \(path) is damaged at line \(lineNumber); remove the state file's spool to refetch")
            }
            try body(lead)
        }
        while true {
            let chunk: Data
            do {
                chunk = try handle.read(upToCount: 1 << 20) ?? Data()
            } catch {
                throw ExportError.state("cannot read the spool \(path): \(error.localizedDescription)", underlying: error)
            }
            if chunk.isEmpty { break }
            pending.append(contentsOf: chunk)
            var start = 0
            while let newline = pending[start...].firstIndex(of: 0x0A) {
                try emit(pending[start..<newline])
                start = newline + 1
            }
            pending.removeFirst(start)
        }
        if !pending.isEmpty { try emit(pending[...]) }
    }
}
