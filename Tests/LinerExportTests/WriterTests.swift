import Foundation
import LinerJSON
import LinerTestSupport
import Testing
@testable import LinerExport

/// Writers on their own: quoting, the formula guard, typed NDJSON, atomic publication.
struct WriterTests {
    /// Writes `records` to `out.csv` in `folder`; returns the file's path.
    static func writeCSV(
        _ records: [[Cell]], titles: [String], delimiter: UInt8 = UInt8(ascii: ","), bom: Bool = false, in folder: String
    ) throws -> String {
        let path = folder + "/out.csv"
        let file = try AtomicOutputFile(finalPath: path)
        let writer = try CSVWriter(file: file, titles: titles, delimiter: delimiter, bom: bom, formulaGuard: .quote)
        for cells in records { try writer.write(Record(cells: cells, extras: [])) }
        try writer.finish()
        try file.publish()
        return path
    }

    @Test func csvQuotesAndGuardsAndReadsBackWithPython() throws {
        let texts = ["plain", "with,comma", "with;semicolon", "quote \"inside\"", "line\nbreak", "cr\r\nlf",
                     "=1+1", "+7 звонить", "-", "@user", "\tTab", "Ёжик 👨‍👩‍👧", ""]
        let records = texts.map { [Cell.text($0), .phone("+79001234567"), .number("-5.5")] }
        try withTemporaryFolder { folder in
            let path = try Self.writeCSV(records, titles: ["text", "phone", "n"], delimiter: UInt8(ascii: ";"), bom: true, in: folder)
            let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            #expect(bytes.prefix(3) == Data([0xEF, 0xBB, 0xBF]))
            let rows = try PythonReader.csvRows(path, delimiter: ";")
            #expect(rows.count == texts.count)
            for (row, text) in zip(rows, texts) {
                #expect(row["text"] == EndToEndTests.guarded(text))
                #expect(row["phone"] == "+79001234567", "a validated phone is never guarded")
                #expect(row["n"] == "-5.5", "a number is never guarded")
            }
        }
    }

    @Test func ndjsonKeepsTypes() throws {
        try withTemporaryFolder { folder in
            let path = folder + "/out.ndjson"
            let file = try AtomicOutputFile(finalPath: path)
            let writer = NDJSONWriter(file: file, titles: ["i", "n", "b", "d", "e", "j", "Имя"])
            let stamp = Timestamp(millisecondsSinceEpoch: 0)
            try writer.write(Record(
                cells: [.integer(42), .number("5.5"), .boolean(true), .dateTime(stamp, iso8601: "1970-01-01T00:00:00Z"),
                        .empty, .json(.array([.string("a")])), .text("\"\u{1}\n")],
                extras: [(key: "extra", value: .number("12345678901234567890"))]))
            try writer.finish()
            try file.publish()
            let text = try String(contentsOfFile: path, encoding: .utf8)
            #expect(text == #"{"i":42,"n":5.5,"b":true,"d":"1970-01-01T00:00:00Z","e":null,"j":["a"],"Имя":"\"\u0001\n","extra":12345678901234567890}"# + "\n")
            let row = try PythonReader.ndjsonRows(path)[0]
            #expect(row["Имя"] as? String == "\"\u{1}\n")
        }
    }

    @Test func unpublishedFileNeverAppearsAndDiscardLeavesTheOldOne() throws {
        try withTemporaryFolder { folder in
            let path = folder + "/out.csv"
            try Data("old\n".utf8).write(to: URL(fileURLWithPath: path))
            let file = try AtomicOutputFile(finalPath: path)
            try file.append(Array("new content\n".utf8))
            try file.flush()
            #expect(try String(contentsOfFile: path, encoding: .utf8) == "old\n", "readers see the old file while writing")
            file.discard()
            #expect(try String(contentsOfFile: path, encoding: .utf8) == "old\n")
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["out.csv"])
        }
    }

    @Test func leadIDSetCountsEachIDOnce() {
        let seed = UInt64.random(in: 0...UInt64.max)
        var generator = SeededGenerator(seed: seed)
        var set = LeadIDSet()
        var reference = Set<Int64>()
        var disagreements = 0
        for _ in 0..<50_000 {
            let id = Int64.random(in: 0..<200_000, using: &generator) * (Bool.random(using: &generator) ? 1 : 97)
            if set.insert(id) != reference.insert(id).inserted { disagreements += 1 }
        }
        #expect(disagreements == 0, "seed \(seed)")
        #expect(set.count == reference.count, "seed \(seed)")
        #expect(reference.allSatisfy(set.contains), "seed \(seed)")
    }
}

extension WriterTests {
    @Test func temporaryFilesOfKilledRunsAreRemovedButNotThoseOfLiveOnes() throws {
        try withTemporaryFolder { folder in
            let dead = folder + "/.out.csv.999999999.partial"     // no such process
            let deadRandom = folder + "/.out.csv.999999999.k3x9q.partial"
            let live = folder + "/.out.csv.1.k3x9q.partial"       // init is always alive
            for path in [dead, deadRandom, live] { FileManager.default.createFile(atPath: path, contents: Data("half".utf8)) }
            // The private folder a killed XLSX run left, with libxlsxwriter's file in it.
            let deadFolder = folder + "/.out.csv.999999999.p2m7w.partial"
            try FileManager.default.createDirectory(atPath: deadFolder, withIntermediateDirectories: false)
            FileManager.default.createFile(atPath: deadFolder + "/out.csv", contents: Data("half".utf8))
            let file = try AtomicOutputFile(finalPath: folder + "/out.csv")
            #expect(!FileManager.default.fileExists(atPath: dead))
            #expect(!FileManager.default.fileExists(atPath: deadRandom))
            #expect(!FileManager.default.fileExists(atPath: deadFolder))
            #expect(FileManager.default.fileExists(atPath: live))
            file.discard()
        }
    }
}
