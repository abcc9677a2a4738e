import Foundation
import LinerMock
import Testing
@testable import LinerExport

/// Whole `chunk: auto` runs on an account whose leads come in bursts: every lead exported once, and
/// a run killed late re-fetches at most one window's pages when it resumes.
struct SkewedAccountRunTests {
    /// 6,000 leads, 90 % of them in 4 half-hour bursts: 20 windows of about 300 leads.
    static let configuration = WindowBalancerTests.skewed(leads: 6_000)

    @Test func anAutoRunOnASkewedAccountExportsEveryLeadOnce() async throws {
        let configuration = Self.configuration
        try await withTemporaryFolder { folder in
            let summary = try await exportFromMockServer(configuration) { server in
                makeTestPipeline(server: server, folder: folder) {
                    $0.window = WindowBalancerTests.january
                    $0.window.leadsPerWindow = 300
                    $0.window.stateFile = folder + "/state/skewed.json"
                    $0.source.requestsPerSecond = 0
                }
            }
            let ids = try PythonReader.ndjsonRows(folder + "/leads-2024-01-01.ndjson").compactMap { $0["id"] as? Int }
            #expect(ids == Array(1...6_000), "every lead once, in order")
            let csv = try PythonReader.csvRows(folder + "/leads-2024-01-01.csv").compactMap { $0["id"].flatMap { Int($0) } }
            #expect(csv == ids)
            #expect(summary.leads == 6_000 && summary.serverTotal == 6_000)
            #expect(summary.windows == 20 && summary.windowsSplit == 0)
            #expect(summary.windowProbes > 0 && summary.windowProbes <= WindowBalancer.maxProbes(cuts: 19))
            #expect(summary.requests >= summary.pages + summary.windowProbes + 1, "pages, probes and the total's request all counted")
            #expect(summary.text.contains("for \(summary.pages) pages and \(summary.windowProbes) window probes"))
        }
    }

    /// `KillResumeTests.pipeline`'s files, over January with `chunk: auto` windows of about 300 leads.
    static func pipeline(baseURL: String) -> String {
        KillResumeTests.pipeline(baseURL: baseURL).replacingOccurrences(
            of: #""to": "2024-01-06", "timeZone": "UTC", "chunk": "day""#,
            with: #""to": "2024-02-01", "timeZone": "UTC", "chunk": "auto", "leadsPerWindow": 300"#)
    }

    @Test func aRunKilledLateRefetchesAtMostOneWindowWhenItResumes() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: CommandLineTests.binary), "build the package first")
        var configuration = Self.configuration
        // Each page answered 20 ms after its request: a killed run dies waiting for one.
        configuration.faults.latencyMilliseconds = 20
        try await withMockServer(configuration) { server in
            try await withTemporaryFolder { reference in
                try Data(Self.pipeline(baseURL: server.baseURL).utf8).write(to: URL(fileURLWithPath: reference + "/pipeline.json"))
                let before = server.statistics().leadListRequests
                let whole = try KillResumeTests.start(reference, key: configuration.apiKey)
                whole.waitUntilExit()
                #expect(whole.terminationStatus == 0)
                let wholeRequests = server.statistics().leadListRequests - before
                let summary = try String(contentsOfFile: reference + "/stdout.txt", encoding: .utf8)
                #expect(summary.contains("windows: 20\n"))
                let probes = try #require(summary.firstMatch(of: /and (\d+) window probes/).flatMap { Int($0.1) })

                try await withTemporaryFolder { folder in
                    try Data(Self.pipeline(baseURL: server.baseURL).utf8).write(to: URL(fileURLWithPath: folder + "/pipeline.json"))
                    let killedFrom = server.statistics().leadListRequests
                    let (killed, isKilled) = try await KillResumeTests.runKilled(
                        folder, key: configuration.apiKey, atLeadListRequest: probes + (wholeRequests - probes) * 3 / 4, of: server)
                    #expect(isKilled && killed.terminationReason == .uncaughtSignal)
                    let complete = KillResumeTests.completeWindows(in: folder)
                    #expect((12..<20).contains(complete), "killed at 75 % of the pages: \(complete) windows complete")

                    let resumedFrom = server.statistics().leadListRequests
                    let killedRequests = resumedFrom - killedFrom
                    let resumed = try KillResumeTests.start(folder, key: configuration.apiKey)
                    resumed.waitUntilExit()
                    let errors = try String(contentsOfFile: folder + "/stderr.txt", encoding: .utf8)
                    #expect(resumed.terminationStatus == 0, "\(errors)")
                    #expect(errors.contains("resuming an interrupted run"))
                    let resumedRequests = server.statistics().leadListRequests - resumedFrom
                    // A window holds at most 360 leads: 4 pages. The first wave's second page may reach
                    // the server in one run and not the other; the killed run's last request may be counted late.
                    let refetched = killedRequests + resumedRequests - wholeRequests
                    #expect(refetched <= 4 + 2, "re-fetched \(refetched) requests (whole \(wholeRequests), killed \(killedRequests), resumed \(resumedRequests))")
                    #expect(try KillResumeTests.files(folder) == KillResumeTests.files(reference), "byte-identical to the uninterrupted run")
                }
            }
        }
    }
}
