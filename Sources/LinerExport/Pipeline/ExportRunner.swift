import AsyncHTTPClient
import Foundation
import Logging
import NIOCore

/// Runs one pipeline: fetch pages → normalize → write, then publish every file or none.
public struct ExportRunner: Sendable {
    public let spec: PipelineSpec
    let apiKey: APIKey
    let logger: Logger

    /// Extra passes over the window when leads are missing after the first (offsets shifted under the run).
    static let maxRepairPasses = 2

    public init(spec: PipelineSpec, apiKey: APIKey, logger: Logger) {
        self.spec = spec
        self.apiKey = apiKey
        self.logger = logger
    }

    /// - Parameter now: the moment relative windows (`yesterday`) are resolved against.
    /// - Throws: `ExportError`; when it throws, no output file was created or replaced.
    public func run(now: Date = Date()) async throws -> RunSummary {
        let started = ContinuousClock.now
        let window = try ResolvedWindow(spec.window, now: now)
        let paths = outputPaths(window)
        logger.info("export starting", metadata: ["pipeline": "\(spec.name)", "window": "\(window.description)"])

        let httpClient = HTTPClient(eventLoopGroupProvider: .singleton, configuration: Self.httpConfiguration(spec.source))
        do {
            let summary = try await run(window: window, paths: paths, httpClient: httpClient, started: started)
            try await httpClient.shutdown()
            return summary
        } catch {
            try? await httpClient.shutdown()
            throw Self.exportError(error)
        }
    }

    private func run(window: ResolvedWindow, paths: [String], httpClient: HTTPClient, started: ContinuousClock.Instant) async throws -> RunSummary {
        let counters = FetchCounters()
        let client = LinerClient(
            httpClient: httpClient, baseURL: spec.source.baseURL, apiKey: apiKey,
            timeoutSeconds: spec.source.timeoutSeconds, retry: RetryPolicy(maxAttempts: spec.source.maxAttempts),
            counters: counters, logger: logger)
        let normalizer = try await NormalizerFactory(spec: spec, logger: logger).makeNormalizer(client: client)
        let metadata = ExportMetadata(
            pipelineName: spec.name, window: window, filters: spec.filters, timeZone: spec.normalize.dates.timeZone)
        let outputs = try OutputSet(specs: spec.outputs, paths: paths, layout: normalizer.layout, metadata: metadata)
        do {
            let query = LeadQuery(
                createdFrom: window.from, createdBefore: window.to,
                orderIds: spec.filters.orderIds, statusIds: spec.filters.statusIds)
            var collector = LeadCollector(normalizer: normalizer, outputs: outputs, logger: logger)
            try await collector.collect(LeadPages(client: client, query: query, pageSize: spec.source.pageSize))
            var repairPasses = 0
            while let missing = collector.missingCount, missing > 0 {
                guard repairPasses < Self.maxRepairPasses else {
                    throw ExportError.incomplete(
                        "the server reported \(collector.serverTotal ?? 0) leads in the window but \(collector.uniqueLeads) "
                            + "could be fetched after \(repairPasses + 1) passes; nothing was published")
                }
                repairPasses += 1
                logger.warning("leads missing after a pass over the window, fetching it again", metadata: [
                    "missing": "\(missing)", "pass": "\(repairPasses + 1)",
                ])
                try await collector.collect(
                    LeadPages(client: client, query: query, pageSize: spec.source.pageSize), isRepair: true)
            }
            let files = try outputs.publish()
            var warnings = collector.warnings
            warnings.merge(outputs.warnings)
            var summary = RunSummary(
                window: window, leads: collector.uniqueLeads - collector.secondarySkipped, duplicatesSkipped: collector.duplicates,
                serverTotal: collector.serverTotal, repairPasses: repairPasses, pages: collector.pages,
                requests: counters.requests, retries: counters.retries, warnings: warnings, files: files,
                durationSeconds: Self.seconds(since: started))
            summary.secondarySkipped = collector.secondarySkipped
            return summary
        } catch {
            outputs.discard()
            throw error
        }
    }

    /// The rendered path of each output.
    public func outputPaths(_ window: ResolvedWindow) -> [String] {
        spec.outputs.map {
            OutputPathTemplate.render(
                $0.path, name: spec.name, from: window.fileNameLabel(window.from), to: window.fileNameLabel(window.to))
        }
    }

    static func httpConfiguration(_ source: SourceSpec) -> HTTPClient.Configuration {
        var configuration = HTTPClient.Configuration()
        let timeout = TimeAmount.milliseconds(Int64(source.timeoutSeconds * 1000))
        configuration.timeout = .init(connect: .seconds(10), read: timeout)
        configuration.decompression = .enabled(limit: .ratio(100))
        return configuration
    }

    /// Whatever escaped as another error type becomes an `ExportError`, so the CLI has one shape to print.
    static func exportError(_ error: Error) -> Error {
        if error is ExportError { return error }
        if error is CancellationError { return ExportError.interrupted("the run was interrupted; nothing was published") }
        return ExportError.transport("\(error)")
    }

    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }
}
