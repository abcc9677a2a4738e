import Foundation
import LinerJSON
import LinerTestSupport
import Testing

@testable import LinerExport

/// The tracked-lead store: what a writer appends in any order comes back from a reader by id, its
/// files are private, and a damaged or planted file is refused with a message naming it.
struct TrackedLeadStoreTests {
    static let columnKeys = ["id", "name", "created_at", "phones", "budget"]

    /// Lead `id`'s cells and creation time: different for every id, one of them long.
    static func lead(_ id: Int64) -> (createdAt: Int64, record: Record) {
        let cells: [Cell] = [
            .integer(id),
            id % 7 == 0 ? .empty : .text("Лид №\(id) \"quoted\"\n" + (id % 1000 == 3 ? String(repeating: "long ", count: 3000) : "")),
            .dateTime(Timestamp(millisecondsSinceEpoch: 1_700_000_000_000 + id), iso8601: "2023-11-14T22:13:20.000Z"),
            .list(id % 2 == 0 ? [] : ["+7900\(id)"]),
            .json(.object(JSONObject([("amount", .number("\(id).5"))]))),
        ]
        return (1_600_000_000_000 + id * 1000, Record(cells: cells, extras: [(key: "extra", value: .string("kept out"))]))
    }

    /// Writes leads `ids` in that order and returns the generation.
    static func write(_ ids: [Int64], statePath: String) throws -> String {
        let writer = try TrackedLeadsWriter(statePath: statePath, columnKeys: columnKeys)
        for id in ids {
            let (createdAt, record) = lead(id)
            try writer.append(id: id, createdAt: createdAt, record: record, fingerprint: RecordCodec.fingerprint(of: record))
        }
        return try writer.finish()
    }

    @Test func tenThousandLeadsInRandomOrderComeBackByID() throws {
        try withTemporaryFolder { folder in
            let seed = SeededGenerator.testSeed()
            var random = SeededGenerator(seed: seed)
            let ids = (0..<10_000).map { Int64($0) * 3 + 1 }.shuffled(using: &random)
            let statePath = folder + "/state.json"
            let generation = try Self.write(ids, statePath: statePath)
            #expect(TrackedLeadStore.isGeneration(generation))

            let leads = try TrackedLeads(statePath: statePath, generation: generation)
            #expect(leads.count == 10_000)
            #expect(leads.columnKeys == Self.columnKeys)
            for id in ids {
                guard let index = leads.index(of: id) else {
                    Issue.record("lead \(id) not found, seed \(seed)")
                    continue
                }
                let (createdAt, record) = Self.lead(id)
                #expect(leads.id(at: index) == id)
                #expect(leads.fingerprint(at: index) == RecordCodec.fingerprint(of: record))
                if id % 10 == 1 || id % 1000 == 3 {
                    let values = try leads.values(at: index)
                    #expect(values.createdAt == createdAt)
                    #expect(values.cells == record.cells, "lead \(id), seed \(seed)")
                }
            }
            for absent in [Int64.min, -1, 0, 2, 3, 29_999, 30_000, 30_001, .max] {
                #expect(leads.index(of: absent) == nil, "lead \(absent)")
            }
            #expect((0..<leads.count).map(leads.id(at:)) == ids.sorted())
        }
    }

    @Test func filesArePrivateAndNamedByGeneration() throws {
        try withTemporaryFolder { folder in
            let statePath = folder + "/state.json"
            let oldMask = umask(0o022)
            defer { umask(oldMask) }
            let generation = try Self.write([5, 1, 3], statePath: statePath)
            let names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
            #expect(names == ["state.json.tracked-\(generation).index", "state.json.tracked-\(generation).values"])
            for name in names {
                var status = stat()
                #expect(lstat(folder + "/" + name, &status) == 0)
                #expect(status.st_mode & 0o777 == 0o600, "\(name)")
            }
            let values = try String(contentsOfFile: TrackedLeadStore.valuesPath(statePath: statePath, generation: generation), encoding: .utf8)
            #expect(values.hasPrefix("[\"id\",\"name\",\"created_at\",\"phones\",\"budget\"]\n[1600000005000,5,"))
            #expect(values.split(separator: "\n").count == 4)
        }
    }

    @Test func eachWriterPicksANewGeneration() throws {
        try withTemporaryFolder { folder in
            let statePath = folder + "/state.json"
            let first = try Self.write([1], statePath: statePath)
            let second = try Self.write([1], statePath: statePath)
            #expect(first != second)
            #expect(try TrackedLeads(statePath: statePath, generation: first).count == 1)
            #expect(try TrackedLeads(statePath: statePath, generation: second).count == 1)
        }
    }

    @Test func anEmptyGenerationAndTheEmptyStoreHoldNoLeads() throws {
        try withTemporaryFolder { folder in
            let statePath = folder + "/state.json"
            let leads = try TrackedLeads(statePath: statePath, generation: try Self.write([], statePath: statePath))
            #expect(leads.count == 0)
            #expect(leads.index(of: 1) == nil)
            #expect(leads.unseenIndices.isEmpty)
            let empty = TrackedLeads.empty(columnKeys: ["a"])
            #expect(empty.count == 0)
            #expect(empty.columnKeys == ["a"])
            #expect(empty.index(of: 0) == nil)
        }
    }

    @Test func discardLeavesNothingBehind() throws {
        try withTemporaryFolder { folder in
            let writer = try TrackedLeadsWriter(statePath: folder + "/state.json", columnKeys: Self.columnKeys)
            let (createdAt, record) = Self.lead(1)
            try writer.append(id: 1, createdAt: createdAt, record: record, fingerprint: 0)
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder).count == 3)
            writer.discard()
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
        }
    }

    @Test func anIDAppendedTwicePublishesNothing() throws {
        try withTemporaryFolder { folder in
            let writer = try TrackedLeadsWriter(statePath: folder + "/state.json", columnKeys: Self.columnKeys)
            let (createdAt, record) = Self.lead(1)
            for id: Int64 in [1, 2, 1] { try writer.append(id: id, createdAt: createdAt, record: record, fingerprint: 0) }
            #expect(throws: ExportError.state("")) { try writer.finish() }
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
        }
    }

    @Test func unseenIndicesAreTheLeadsNotMarkedSeen() throws {
        try withTemporaryFolder { folder in
            let statePath = folder + "/state.json"
            let leads = try TrackedLeads(statePath: statePath, generation: try Self.write((1...200).map(Int64.init), statePath: statePath))
            #expect(leads.unseenIndices == Array(0..<200))
            let seen = [0, 1, 63, 64, 65, 127, 128, 150, 199]
            for index in seen { leads.markSeen(index) }
            for index in 0..<200 { #expect(leads.isSeen(index) == seen.contains(index), "index \(index)") }
            #expect(leads.unseenIndices == (0..<200).filter { !seen.contains($0) })
            for index in 0..<200 { leads.markSeen(index) }
            #expect(leads.unseenIndices.isEmpty)
        }
    }

    @Test func removeGenerationsKeepsOnlyTheNamedOneAndRemovesLeftovers() throws {
        try withTemporaryFolder { folder in
            let statePath = folder + "/state.json"
            let old = try Self.write([1], statePath: statePath)
            let kept = try Self.write([2], statePath: statePath)
            let deadPID = try Self.pidOfAFinishedProcess()
            let leftovers = [
                ".state.json.tracked-0123456789abcdef.values.\(deadPID).k3j2.partial",
                ".state.json.tracked-0123456789abcdef.entries.\(getpid()).x.partial",
            ]
            let unrelated = [
                "state.json", "other.json.tracked-0123456789abcdef.index", "state.json.tracked-notahexgeneration.index",
                "state.json.tracked-\(old).index.bak", ".other.json.tracked-0123456789abcdef.values.\(deadPID).a.partial",
            ]
            for name in leftovers + unrelated { FileManager.default.createFile(atPath: folder + "/" + name, contents: Data("x".utf8)) }
            let victim = folder + "/victim"
            FileManager.default.createFile(atPath: victim, contents: Data("keep".utf8))
            let planted = "state.json.tracked-fedcba9876543210.values"
            try FileManager.default.createSymbolicLink(atPath: folder + "/" + planted, withDestinationPath: victim)

            // A writer of this process still at work keeps its files.
            let live = try TrackedLeadsWriter(statePath: statePath, columnKeys: Self.columnKeys)
            TrackedLeadStore.removeGenerations(statePath: statePath, keeping: kept)
            let names = Set(try FileManager.default.contentsOfDirectory(atPath: folder))
            let liveFiles = names.filter { $0.contains(live.generation) }
            #expect(liveFiles.count == 3)
            #expect(names.subtracting(liveFiles) == Set(unrelated + [
                "state.json.tracked-\(kept).index", "state.json.tracked-\(kept).values", "victim", planted,
            ]))
            #expect(try String(contentsOfFile: victim, encoding: .utf8) == "keep")
            live.discard()

            TrackedLeadStore.removeGenerations(statePath: statePath, keeping: nil)
            #expect(Set(try FileManager.default.contentsOfDirectory(atPath: folder)) == Set(unrelated + ["victim", planted]))
        }
    }

    enum Damage: String, CaseIterable, Sendable {
        case indexTruncated, indexShorterThanHeader, indexMissing, indexSymlink, indexBitFlipped, valuesTruncated,
            valuesSymlink, valuesOfAnotherGeneration
    }

    @Test(arguments: Damage.allCases)
    func damagedFilesAreRefusedByName(damage: Damage) throws {
        try withTemporaryFolder { folder in
            let statePath = folder + "/state.json"
            let generation = try Self.write((1...50).map(Int64.init), statePath: statePath)
            let index = TrackedLeadStore.indexPath(statePath: statePath, generation: generation)
            let values = TrackedLeadStore.valuesPath(statePath: statePath, generation: generation)
            let blamed: String
            switch damage {
            case .indexTruncated:
                #expect(truncate(index, 48 + 24 * 49 + 5) == 0)
                blamed = index
            case .indexShorterThanHeader:
                #expect(truncate(index, 40) == 0)
                blamed = index
            case .indexMissing:
                #expect(unlink(index) == 0)
                blamed = index
            case .indexSymlink:
                #expect(rename(index, folder + "/moved") == 0)
                #expect(symlink(folder + "/moved", index) == 0)
                blamed = index
            case .indexBitFlipped:
                var bytes = try Data(contentsOf: URL(fileURLWithPath: index))
                bytes[48 + 24 * 10 + 3] ^= 1
                try bytes.write(to: URL(fileURLWithPath: index))
                blamed = index
            case .valuesTruncated:
                let size = try FileManager.default.attributesOfItem(atPath: values)[.size] as! Int
                #expect(truncate(values, off_t(size - 1)) == 0)
                blamed = values
            case .valuesSymlink:
                #expect(rename(values, folder + "/moved") == 0)
                #expect(symlink(folder + "/moved", values) == 0)
                blamed = values
            case .valuesOfAnotherGeneration:
                let other = try Self.write((1...60).map(Int64.init), statePath: statePath)
                #expect(rename(TrackedLeadStore.valuesPath(statePath: statePath, generation: other), values) == 0)
                blamed = values
            }
            do {
                _ = try TrackedLeads(statePath: statePath, generation: generation)
                Issue.record("\(damage): loaded")
            } catch let error as ExportError {
                #expect(error == .state(""), "\(damage)")
                #expect(error.message.hasPrefix("the tracked leads \(blamed) are damaged ("), "\(damage): \(error.message)")
                #expect(error.message.hasSuffix("; move them away to start tracking afresh"), "\(damage)")
            }
        }
    }

    /// A line the index points at that no longer decodes is refused when it is read, naming the file.
    @Test func aMalformedLineIsRefusedWhenRead() throws {
        try withTemporaryFolder { folder in
            let statePath = folder + "/state.json"
            let generation = try Self.write([1, 2], statePath: statePath)
            let values = TrackedLeadStore.valuesPath(statePath: statePath, generation: generation)
            var bytes = try Data(contentsOf: URL(fileURLWithPath: values))
            let lastLineStart = bytes.dropLast().lastIndex(of: UInt8(ascii: "\n"))! + 1
            bytes[lastLineStart] = UInt8(ascii: "{")
            try bytes.write(to: URL(fileURLWithPath: values))
            let leads = try TrackedLeads(statePath: statePath, generation: generation)
            #expect(try leads.values(at: 0).cells == Self.lead(1).record.cells)
            #expect {
                _ = try leads.values(at: 1)
            } throws: { error in
                (error as? ExportError)?.message.hasPrefix("the tracked leads \(values) are damaged (lead 2: ") == true
            }
        }
    }

    /// The pid of a process that has exited and been reaped: no process has it for now.
    private static func pidOfAFinishedProcess() throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        return process.processIdentifier
    }
}
