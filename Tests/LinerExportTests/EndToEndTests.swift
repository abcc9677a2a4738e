import Foundation
import LinerMock
import Testing
@testable import LinerExport

/// Whole runs over real HTTP against the fake Liner server, files read back with Python's csv/json.
struct EndToEndTests {
    static let from = ISO8601DateFormatter().date(from: "2024-01-02T00:00:00Z")!
    static let to = ISO8601DateFormatter().date(from: "2024-01-16T00:00:00Z")!
    static let window = utcWindow(from: "2024-01-02T00:00:00Z", to: "2024-01-16T00:00:00Z")
    /// 2024-01-01 to 2024-01-03 (UTC): leads 1...2880, one a minute.
    static let firstTwoDays = utcWindow(from: "2024-01-01T00:00:00Z", to: "2024-01-03T00:00:00Z")

    static func configuration(leads: Int = 30_000) -> MockServerConfiguration {
        var configuration = MockServerConfiguration()
        configuration.dataset.leadCount = leads
        return configuration
    }

    @Test func everyLeadOfTheWindowAppearsOnceInCSVAndNDJSONWithItsValues() async throws {
        let configuration = Self.configuration()
        try await withTemporaryFolder { folder in
            let summary = try await exportFromMockServer(configuration) { server in
                makeTestPipeline(server: server, folder: folder) { $0.window = Self.window }
            }
            let dataset = MockDataset(configuration.dataset)
            let expected = dataset.expectedLeadIDs(createdFrom: Self.from, createdTo: Self.to.addingTimeInterval(-1))
            #expect(expected.count >= 20_000)
            #expect(summary.leads == expected.count)
            #expect(summary.duplicatesSkipped == 0)

            let csv = try PythonReader.csvRows(folder + "/leads-2024-01-02.csv")
            let csvIDs = csv.compactMap { $0["id"].flatMap { Int($0) } }
            #expect(csvIDs.count == csv.count)
            #expect(csvIDs.count == Set(csvIDs).count, "an id appears twice in the CSV")
            #expect(Set(csvIDs) == Set(expected))
            let iso = ISO8601DateFormatter()
            for row in csv {
                let lead = dataset.lead(at: Int(row["id"]!)! - 1)
                #expect(row["name"] == Self.guarded(lead.name), "name of lead \(lead.id)")
                #expect(row["createdAt"] == iso.string(from: lead.createdAt), "createdAt of lead \(lead.id)")
                if let e164 = lead.phoneE164 { #expect(row["phone"] == e164, "phone of lead \(lead.id): \(lead.rawPhone ?? "null")") }
            }

            let ndjson = try PythonReader.ndjsonRows(folder + "/leads-2024-01-02.ndjson")
            let ndjsonIDs = ndjson.compactMap { $0["id"] as? Int }
            #expect(ndjsonIDs.count == ndjson.count)
            #expect(ndjsonIDs == csvIDs, "NDJSON and CSV hold the same leads in the same order")
            for row in ndjson {
                let lead = dataset.lead(at: row["id"] as! Int - 1)
                #expect(row["name"] as? String == lead.name, "name of lead \(lead.id)")
                #expect(row["createdAt"] as? String == iso.string(from: lead.createdAt))
                #expect(row["statusId"] as? Int == lead.statusId)
                #expect(row["orderId"] as? Int == lead.orderId)
                if let e164 = lead.phoneE164 { #expect(row["phone"] as? String == e164) }
            }
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
                == ["leads-2024-01-02.csv", "leads-2024-01-02.ndjson", "test.manifest.json"], "no temporary file is left behind")
        }
    }

    /// What the CSV holds for free text: C0 controls but tab, LF and CR as U+FFFD (some names of the
    /// fake server hold them), and the formula guard's `'` before a trigger character.
    static func guarded(_ text: String) -> String {
        let text = text.replacingControls()
        guard let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return text }
        return "'" + text
    }

    @Test func refusedTokenFailsWithExitCode3AndLeavesThePreviousFilesAlone() async throws {
        try await withTemporaryFolder { folder in
            let previous = folder + "/leads-2024-01-02.csv"
            try Data("last good export\n".utf8).write(to: URL(fileURLWithPath: previous))
            let error = try await withMockServer(Self.configuration(leads: 100)) { server in
                let spec = makeTestPipeline(server: server, folder: folder) { $0.window = Self.window }
                return await #expect(throws: ExportError.self) {
                    try await ExportRunner(spec: spec, apiKey: APIKey("wrong-key"), logger: quietLogger).run()
                }
            }
            #expect(error?.exitCode == 3)
            #expect(error?.message.contains("refused the API token") == true)
            #expect(error?.message.contains("wrong-key") == false, "the token never appears in an error")
            #expect(try String(contentsOfFile: previous, encoding: .utf8) == "last good export\n")
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["leads-2024-01-02.csv"])
        }
    }

    @Test func badRequestShowsTheServersMessage() async throws {
        let configuration = Self.configuration(leads: 100)
        try await withMockServer(configuration) { server in
            let client = LinerClient(
                httpClient: .shared, baseURL: server.baseURL, apiKey: APIKey(configuration.apiKey), timeoutSeconds: 5,
                retry: RetryPolicy(maxAttempts: 3, baseDelaySeconds: 0.01), counters: FetchCounters(), logger: quietLogger)
            let error = await #expect(throws: ExportError.self) {
                try await client.get("/v2/lead/", query: [("limit", "many")])
            }
            #expect(error?.kind == "bad_request")
            #expect(error?.message.contains("limit") == true, "got: \(error?.message ?? "")")
        }
    }

    @Test func faultyServerStillYieldsEveryLeadOnce() async throws {
        var configuration = Self.configuration(leads: 3_000)
        configuration.faults.errorRate = 0.15
        configuration.faults.rateLimitRate = 0.1
        configuration.faults.retryAfterSeconds = 0
        configuration.faults.truncateRate = 0.05
        configuration.faults.resetRate = 0.05
        configuration.faults.successFalseRate = 0.05
        configuration.faults.lastPageNext = .missing
        try await withTemporaryFolder { folder in
            let summary = try await exportFromMockServer(configuration) { server in
                makeTestPipeline(server: server, folder: folder) {
                    $0.window = Self.firstTwoDays
                    $0.source.maxAttempts = 12
                    $0.source.retryBaseDelaySeconds = 0.05
                }
            }
            #expect(summary.retries.values.reduce(0, +) > 0, "the faults were hit and retried")
            let ids = try PythonReader.ndjsonRows(folder + "/leads-2024-01-01.ndjson").compactMap { $0["id"] as? Int }
            #expect(ids.count == 2_880)
            #expect(Set(ids) == Set(1...2_880))
        }
    }

    @Test func driftIsDeduplicatedAndRepaired() async throws {
        var configuration = Self.configuration(leads: 3_000)
        configuration.faults.driftEvery = 4
        try await withTemporaryFolder { folder in
            let summary = try await exportFromMockServer(configuration) { server in
                makeTestPipeline(server: server, folder: folder) { $0.window = Self.firstTwoDays }
            }
            let ids = try PythonReader.ndjsonRows(folder + "/leads-2024-01-01.ndjson").compactMap { $0["id"] as? Int }
            #expect(summary.duplicatesSkipped > 0, "drift shifted the pages")
            #expect(ids.count == Set(ids).count, "no lead twice")
            #expect(Set(1...2_880).isSubset(of: Set(ids)), "no original lead lost")
            #expect(ids.count == summary.leads)
        }
    }
}
