import Foundation
import LinerJSON
import LinerMock
import Testing

@testable import LinerExport

/// Files the tool creates in folders other users may write (it often runs as root in cron): no
/// planted symlink is ever followed, temporary names cannot be guessed, the state is private and two
/// runs of a pipeline never interleave their publishes.
///
/// Serialized: one test sets the umask, which is the whole process's.
@Suite(.serialized)
struct FileSafetyTests {
    static let victimBytes = "the victim's own bytes\n"

    /// A file outside the export's folders that planted symlinks point at.
    static func makeVictim(in folder: String) throws -> String {
        let path = folder + "/victim.txt"
        try Self.victimBytes.write(toFile: path, atomically: false, encoding: .utf8)
        return path
    }

    /// Symlinks to `victim` at every name the old code wrote through: `<folder>/.<name>.<pid>.partial`
    /// for this process's pid and the next ones, and `<final>` itself; for the state, which is read
    /// before it is written (a symlink there is refused), only `<final>.<pid>.partial`.
    static func plantSymlinks(for finalPath: String, to victim: String, stateStyle: Bool = false) throws {
        let url = URL(fileURLWithPath: finalPath)
        let folder = url.deletingLastPathComponent().path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var paths = stateStyle ? [] : [finalPath]
        for pid in getpid()..<getpid() + 16 {
            paths.append(stateStyle ? finalPath + ".\(pid).partial" : folder + "/." + url.lastPathComponent + ".\(pid).partial")
        }
        for path in paths { try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: victim) }
    }

    static func isRegularFile(_ path: String) -> Bool {
        var status = stat()
        return lstat(path, &status) == 0 && status.st_mode & S_IFMT == S_IFREG
    }

    static func mode(_ path: String) -> mode_t {
        var status = stat()
        guard lstat(path, &status) == 0 else { return 0 }
        return status.st_mode & 0o7777
    }

    @Test(arguments: [false, true])
    func aTemporaryFileHasAnUnguessableNameAndNoSymlinkIsFollowed(isReopenedByLibrary: Bool) throws {
        try withTemporaryFolder { folder in
            let victim = try Self.makeVictim(in: folder)
            let path = folder + "/out/leads.csv"
            try Self.plantSymlinks(for: path, to: victim)
            let file = try AtomicOutputFile(finalPath: path, isReopenedByLibrary: isReopenedByLibrary)
            #expect(!file.temporaryPath.hasSuffix(".\(getpid()).partial"))
            #expect(Self.isRegularFile(file.temporaryPath))
            try file.append(Array("new bytes\n".utf8))
            try file.publish()
            #expect(try String(contentsOfFile: victim, encoding: .utf8) == Self.victimBytes)
            #expect(Self.isRegularFile(path), "the rename replaced the symlink instead of following it")
            #expect(try String(contentsOfFile: path, encoding: .utf8) == "new bytes\n")
            #expect(!FileManager.default.fileExists(atPath: file.temporaryPath))
            if isReopenedByLibrary {
                let folderOfTemporary = URL(fileURLWithPath: file.temporaryPath).deletingLastPathComponent().path
                #expect(!FileManager.default.fileExists(atPath: folderOfTemporary), "the private folder is removed")
            }
        }
    }

    @Test func anExportWritesNothingThroughPlantedSymlinks() async throws {
        try await withTemporaryFolder { folder in
            let victim = try Self.makeVictim(in: folder)
            let out = folder + "/out"
            var window = utcWindow(from: "2024-01-01T00:00:00Z", to: "2024-01-02T00:00:00Z")
            window.stateFile = folder + "/state/test.json"
            let outputs = [
                OutputSpec(format: .csv, path: out + "/leads.csv"), OutputSpec(format: .xlsx, path: out + "/leads.xlsx"),
                OutputSpec(format: .ndjson, path: out + "/leads.ndjson.gz"),
            ]
            let published = outputs.map(\.path) + [out + "/test.manifest.json", folder + "/metrics/test.prom"]
            for path in published { try Self.plantSymlinks(for: path, to: victim) }
            try Self.plantSymlinks(for: folder + "/state/test.json", to: victim, stateStyle: true)
            let summary = try await withMockServer { server in
                let spec = makeTestPipeline(server: server, folder: folder) {
                    $0.window = window
                    $0.outputs = outputs
                    $0.metrics = MetricsSpec(textfile: folder + "/metrics/test.prom")
                }
                return try await ExportRunner(spec: spec, apiKey: APIKey("mock-liner-key"), logger: quietLogger).run()
            }
            #expect(summary.leads > 0)
            #expect(try String(contentsOfFile: victim, encoding: .utf8) == Self.victimBytes)
            for path in published + [folder + "/state/test.json"] {
                #expect(Self.isRegularFile(path), "\(path) is published as a regular file")
            }
        }
    }

    @Test(arguments: ["/state/test.json.lock", "/out/.test.lock"])
    func aLockIsNeverOpenedThroughASymlink(lock: String) async throws {
        try await withTemporaryFolder { folder in
            let victim = folder + "/created-by-root"
            var window = utcWindow(from: "2024-01-01T00:00:00Z", to: "2024-01-02T00:00:00Z")
            window.stateFile = folder + "/state/test.json"
            for subfolder in ["/state", "/out"] {
                try FileManager.default.createDirectory(atPath: folder + subfolder, withIntermediateDirectories: true)
            }
            try FileManager.default.createSymbolicLink(atPath: folder + lock, withDestinationPath: victim)
            try await withMockServer { server in
                let spec = makeTestPipeline(server: server, folder: folder) {
                    $0.window = window
                    $0.outputs = [OutputSpec(format: .csv, path: folder + "/out/leads.csv")]
                }
                await #expect(throws: ExportError.self) {
                    _ = try await ExportRunner(spec: spec, apiKey: APIKey("mock-liner-key"), logger: quietLogger).run()
                }
            }
            #expect(!FileManager.default.fileExists(atPath: victim))
            #expect(!FileManager.default.fileExists(atPath: folder + "/out/leads.csv"))
        }
    }

    @Test func theStateItsSpoolAndTheLocksArePrivateWhateverTheUmaskWhileOutputsKeepIt() async throws {
        let previous = umask(0)
        defer { umask(previous) }
        try await withTemporaryFolder { folder in
            var window = utcWindow(from: "2024-01-01T00:00:00Z", to: "2024-01-02T00:00:00Z")
            window.stateFile = folder + "/state/nested/test.json"
            try await withMockServer { server in
                let spec = makeTestPipeline(server: server, folder: folder) {
                    $0.window = window
                    $0.outputs = [OutputSpec(format: .csv, path: folder + "/out/leads.csv")]
                }
                _ = try await ExportRunner(spec: spec, apiKey: APIKey("mock-liner-key"), logger: quietLogger).run()
            }
            #expect(Self.mode(folder + "/state") == 0o700)
            #expect(Self.mode(folder + "/state/nested") == 0o700)
            #expect(Self.mode(folder + "/state/nested/test.json") == 0o600)
            #expect(Self.mode(folder + "/state/nested/test.json.lock") == 0o600)
            #expect(!FileManager.default.fileExists(atPath: folder + "/out/.test.lock"), "the outputs' lock goes with the run")
            #expect(Self.mode(folder + "/out/leads.csv") == 0o644, "an output keeps the umask")

            // A spool, as a run killed halfway leaves it.
            let store = StateStore(path: folder + "/state/nested/test.json")
            try store.prepareSpool()
            let spool = try LeadSpoolWriter(path: store.spoolFolder + "/window.jsonl")
            try spool.append(JSONObject([(key: "id", value: .number("1"))]), prepared: nil)
            try spool.complete()
            #expect(Self.mode(store.spoolFolder) == 0o700)
            #expect(Self.mode(store.spoolFolder + "/window.jsonl") == 0o600)
        }
    }

    @Test func aSymlinkedStateFileIsNotRead() throws {
        try withTemporaryFolder { folder in
            // Another pipeline's state, which a symlink would hand to this one.
            let victim = folder + "/other.json"
            try JSONEncoder().encode(RunState(pipeline: "other")).write(to: URL(fileURLWithPath: victim))
            try FileManager.default.createSymbolicLink(atPath: folder + "/test.json", withDestinationPath: victim)
            #expect(throws: ExportError.state("")) { try StateStore(path: folder + "/test.json").load(pipeline: "test") }
            #expect(try StateStore(path: folder + "/missing.json").load(pipeline: "test").lastSuccess == nil)
        }
    }

    @Test func aSymlinkedSpoolFolderIsRefused() throws {
        try withTemporaryFolder { folder in
            try FileManager.default.createDirectory(atPath: folder + "/elsewhere", withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(atPath: folder + "/test.json.spool", withDestinationPath: folder + "/elsewhere")
            let store = StateStore(path: folder + "/test.json")
            #expect(throws: ExportError.state("")) { try store.prepareSpool() }
        }
    }

    @Test func aRunFailsWhileAnotherProcessHoldsTheOutputsLock() async throws {
        try await withTemporaryFolder { folder in
            try FileManager.default.createDirectory(atPath: folder + "/out", withIntermediateDirectories: true)
            let lockPath = folder + "/out/.test.lock"
            let holder = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
            #expect(holder >= 0)
            defer { close(holder) }
            // Another open file description: `flock` conflicts with this process's own as with another's.
            #expect(flock(holder, LOCK_EX | LOCK_NB) == 0)
            try await withMockServer { server in
                let spec = makeTestPipeline(server: server, folder: folder) {
                    $0.outputs = [OutputSpec(format: .csv, path: folder + "/out/leads-{from}.csv")]
                }
                let error = await #expect(throws: ExportError.self) {
                    _ = try await ExportRunner(spec: spec, apiKey: APIKey("mock-liner-key"), logger: quietLogger).run()
                }
                #expect(error?.kind == "locked")
                #expect(error?.exitCode == 1)
                #expect(error?.message.contains(lockPath) == true)
                flock(holder, LOCK_UN)
                let summary = try await ExportRunner(spec: spec, apiKey: APIKey("mock-liner-key"), logger: quietLogger).run()
                #expect(summary.leads > 0)
            }
        }
    }
}
