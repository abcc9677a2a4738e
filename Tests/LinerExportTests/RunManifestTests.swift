import Foundation
import LinerMock
import Testing
@testable import LinerExport

/// `<name>.manifest.json` beside the outputs, read back with Python's json and hashlib.
struct RunManifestTests {
    /// The manifest as Python's json reads it, with each file's SHA-256 and size from hashlib and os,
    /// each file opened by its path from the manifest's folder, as a downstream job there would.
    static func readManifest(_ path: String) throws -> (manifest: [String: Any], hashes: [String: String], sizes: [String: Int]) {
        let script = """
            import hashlib, json, os, sys
            manifest = json.load(open(sys.argv[1], encoding="utf-8"))
            os.chdir(os.path.dirname(os.path.abspath(sys.argv[1])))
            files = {f["path"]: (hashlib.sha256(open(f["path"], "rb").read()).hexdigest(), os.path.getsize(f["path"])) for f in manifest["files"]}
            json.dump({"manifest": manifest, "hashes": {p: h for p, (h, s) in files.items()}, "sizes": {p: s for p, (h, s) in files.items()}}, sys.stdout)
            """
        let result = try runProgram(["python3", "-c", script, path])
        guard result.status == 0 else { throw ProgramFailed(description: "python3 could not read \(path): \(result.errors)") }
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
        return (
            try #require(object["manifest"] as? [String: Any]), try #require(object["hashes"] as? [String: String]),
            try #require(object["sizes"] as? [String: Int])
        )
    }

    @Test func manifestDescribesTheRunAndEveryPublishedFile() async throws {
        var configuration = EndToEndTests.configuration(leads: 3_000)
        configuration.apiKey = "manifest-secret-token"
        try await withTemporaryFolder { folder in
            let orderIds = Array(Set((0..<50).map { MockDataset(configuration.dataset).lead(at: $0).orderId })).sorted().prefix(2)
            let summary = try await withMockServer(configuration) { server in
                let spec = makeTestPipeline(server: server, folder: folder) {
                    $0.window = EndToEndTests.window
                    $0.source.requestsPerSecond = 0
                    $0.filters = FilterSpec(orderIds: Array(orderIds))
                    $0.outputs.append(OutputSpec(format: .xlsx, path: folder + "/xlsx/leads-{from}.xlsx"))
                }
                return try await ExportRunner(spec: spec, apiKey: APIKey(configuration.apiKey), logger: quietLogger).run()
            }
            let path = folder + "/test.manifest.json"
            #expect(summary.manifestPath == path)
            #expect(summary.text.contains("manifest \(path)"))
            let (manifest, hashes, sizes) = try Self.readManifest(path)
            #expect(manifest["pipeline"] as? String == "test")
            #expect(manifest["status"] as? String == "success")
            #expect(manifest["tool"] as? String == ToolVersion.text)
            #expect(manifest["window"] as? [String: String] == ["from": "2024-01-02T00:00:00Z", "to": "2024-01-16T00:00:00Z", "timeZone": "UTC"])
            let filters = manifest["filters"] as? [String: Any]
            #expect(filters?["orderIds"] as? [Int] == Array(orderIds))
            #expect(filters?["statusIds"] as? [Int] == [])
            let counts = manifest["counts"] as? [String: Any]
            #expect(summary.leads > 0)
            #expect(counts?["leads"] as? Int == summary.leads)
            #expect(counts?["requests"] as? Int == summary.requests)
            #expect(counts?["pages"] as? Int == summary.pages)
            #expect(manifest["warnings"] as? [String: Int] == summary.runWarnings)
            let started = try #require(manifest["startedAt"] as? String)
            let finished = try #require(manifest["finishedAt"] as? String)
            #expect(started.hasSuffix("Z") && finished.hasSuffix("Z") && started <= finished)

            let files = try #require(manifest["files"] as? [[String: Any]])
            #expect(files.map { $0["path"] as? String } == ["leads-2024-01-02.csv", "leads-2024-01-02.ndjson", "xlsx/leads-2024-01-02.xlsx"],
                    "relative to the manifest's folder")
            #expect(manifest["manifestVersion"] as? Int == 2)
            #expect(files.map { $0["format"] as? String } == ["csv", "ndjson", "xlsx"])
            for file in files {
                let filePath = file["path"] as! String
                #expect(file["sha256"] as? String == hashes[filePath], "sha256 of \(filePath)")
                #expect(file["bytes"] as? Int == sizes[filePath], "size of \(filePath)")
                #expect(file["rows"] as? Int == summary.leads)
            }
            #expect(try PythonReader.csvRows(folder + "/leads-2024-01-02.csv").count == summary.leads)
            let text = try String(contentsOfFile: path, encoding: .utf8)
            #expect(!text.contains(configuration.apiKey), "the manifest never holds the token")
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".partial") }.isEmpty)
        }
    }

    @Test func failedRunWritesNoManifest() async throws {
        try await withTemporaryFolder { folder in
            try await withMockServer(EndToEndTests.configuration(leads: 100)) { server in
                let spec = makeTestPipeline(server: server, folder: folder) { $0.window = EndToEndTests.window }
                await #expect(throws: ExportError.self) {
                    try await ExportRunner(spec: spec, apiKey: APIKey("wrong-key"), logger: quietLogger).run()
                }
            }
            #expect(!FileManager.default.fileExists(atPath: folder + "/test.manifest.json"))
        }
    }

    /// `manifest.path` with placeholders keeps each window's manifest, and `sha256sum -c` run in the
    /// manifest's folder verifies every file, though the outputs are in other folders and the tool ran
    /// elsewhere.
    @Test func aManifestPerWindowVerifiesWithSha256sumFromItsOwnFolder() async throws {
        var configuration = MockServerConfiguration()
        configuration.dataset.leadCount = 3_000
        try await withMockServer(configuration) { server in
            try await withTemporaryFolder { folder in
                for day in ["2024-01-01", "2024-01-02"] {
                    let json = """
                        {"version": 1, "name": "cli", "source": {"baseURL": "\(server.baseURL)"},
                         "window": {"from": "\(day)", "to": "\(day)T12:00", "timeZone": "UTC"},
                         "outputs": [{"format": "csv", "path": "out/csv/{name}-{from}.csv"},
                                     {"format": "xlsx", "path": "out/xlsx/{name}-{from}.xlsx"}],
                         "manifest": {"path": "out/manifests/{name}-{from}.manifest.json"}}
                        """
                    try Data(json.utf8).write(to: URL(fileURLWithPath: folder + "/pipeline.json"))
                    let result = try CommandLineTests.run(
                        ["run", "--quiet", "pipeline.json"], in: folder, environment: ["LINER_API_KEY": configuration.apiKey])
                    #expect(result.status == 0, "\(result.errors)")
                    #expect(result.output.contains("manifest out/manifests/cli-\(day).manifest.json"), "\(result.output)")
                }
                let manifests = try FileManager.default.contentsOfDirectory(atPath: folder + "/out/manifests").sorted()
                #expect(manifests == ["cli-2024-01-01.manifest.json", "cli-2024-01-02.manifest.json"], "one manifest a window")
                for manifest in manifests {
                    let check = try runProgram([
                        "bash", "-c",
                        #"cd "$0" && python3 -c 'import json, sys; [print(f["sha256"] + "  " + f["path"]) for f in json.load(open(sys.argv[1]))["files"]]' "$1" | sha256sum -c"#,
                        folder + "/out/manifests", manifest,
                    ])
                    let day = String(manifest.dropFirst(4).prefix(10))
                    #expect(check.status == 0, "\(check.output)\(check.errors)")
                    #expect(check.output == "../csv/cli-\(day).csv: OK\n../xlsx/cli-\(day).xlsx: OK\n")
                }
            }
        }
    }
}
