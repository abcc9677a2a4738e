import Foundation
import LinerExport
import LinerJSON
import LinerMock

/// Writes N leads generated in-process (LinerMock's dataset, rendered to JSON, parsed and normalized
/// by the real parser and normalizer) with one writer, and prints leads/s and the process's peak RSS.
///
/// Not a test: run it on a release build, e.g.
/// `swift run -c release WriterBenchmark --leads 1000000 --format xlsx --output /tmp/bench.xlsx`.
/// Formats: `csv`, `ndjson`, `xlsx`, `xml` (records), `xml-spreadsheet`; an output path ending in `.gz`
/// compresses (csv, ndjson). It also times the SHA-256 the run manifest computes of the file.
@main
struct WriterBenchmark {
    static func main() throws {
        let options = try Options(CommandLine.arguments.dropFirst())
        var configuration = MockDatasetConfiguration()
        configuration.leadCount = options.leads
        let dataset = MockDataset(configuration)
        let customIDs = MockDataset.customFields.map { CustomFieldID($0.id) }
        let layout = try ColumnLayout(
            selections: [.all], customFields: customIDs,
            customNames: Dictionary(uniqueKeysWithValues: MockDataset.customFields.map { ($0.id, $0.title) }))
        let zone = TimeZone(identifier: "Europe/Moscow")!
        let normalizer = LeadNormalizer(
            layout: layout, knownCustomFields: Set(customIDs.map(\.value)), phones: PhoneNormalizer(defaultRegion: "RU"),
            parser: TimestampParser(sourceTimeZone: zone), formatter: TimestampFormatter(timeZone: zone))

        let file = try AtomicOutputFile(
            finalPath: options.output, gzip: options.output.hasSuffix(".gz"), isReopenedByLibrary: options.format == "xlsx")
        let writer = try makeWriter(options.format, file: file, layout: layout)
        var warnings = NormalizationWarnings()
        var writing = Duration.zero
        let start = ContinuousClock.now
        for index in 0..<options.leads {
            guard case .object(let lead) = try JSONParser.parse(dataset.lead(at: index).json(), knownKeys: LeadKeys.matcher) else { continue }
            let record = try normalizer.normalize(lead, warnings: &warnings)
            let writeStart = ContinuousClock.now
            try writer.write(record)
            writing += writeStart.duration(to: .now)
            if index > 0, index % 100_000 == 0 {
                print("\(index) leads, peak RSS \(peakRSSMiB()) MiB")
            }
        }
        let finishing = ContinuousClock.now
        try writer.finish()
        try file.publish()
        let finishSeconds = Self.seconds(finishing.duration(to: .now))
        let writerSeconds = Self.seconds(writing) + finishSeconds
        let elapsed = start.duration(to: .now)
        let seconds = Self.seconds(elapsed)
        let bytes = (try? FileManager.default.attributesOfItem(atPath: options.output)[.size] as? Int) ?? 0
        print(String(
            format: "%@: %d leads in %.1f s (%.0f leads/s; finish and publish %.1f s), %.1f MB file, peak RSS %d MiB, writer warnings %d",
            options.format, options.leads, seconds, Double(options.leads) / seconds, finishSeconds, Double(bytes) / 1e6, peakRSSMiB(),
            writer.warnings.total))
        // What the run manifest adds after publishing: reading the file back to hash it.
        let hashing = ContinuousClock.now
        let digest = try SHA256.hexDigest(ofFile: options.output)
        let hashSeconds = Self.seconds(hashing.duration(to: .now))
        print(String(format: "sha256 %@… in %.2f s (%.0f MB/s)", String(digest.prefix(12)), hashSeconds, Double(bytes) / 1e6 / hashSeconds))
        // The writer alone: time inside `write`, plus finish and publish (no rendering, parsing or normalizing).
        print(String(format: "%@ writer alone: %.0f leads/s", options.format, Double(options.leads) / writerSeconds))
    }

    static func makeWriter(_ format: String, file: AtomicOutputFile, layout: ColumnLayout) throws -> RecordWriter {
        switch format {
        case "csv": return try CSVWriter(file: file, titles: layout.titles, delimiter: UInt8(ascii: ","), bom: false, formulaGuard: .quote)
        case "ndjson": return NDJSONWriter(file: file, titles: layout.titles)
        case "xlsx": return try XLSXWriter(file: file, columns: layout.columns)
        case "xml": return try XMLRecordsWriter(file: file, columns: layout.columns)
        case "xml-spreadsheet": return try SpreadsheetMLWriter(file: file, columns: layout.columns)
        default: throw Options.Invalid(description: "unknown format \(format)")
        }
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// The most memory the process has held so far (Linux reports `ru_maxrss` in KiB).
    static func peakRSSMiB() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_maxrss / 1024
    }
}

/// `--leads N --format F --output PATH`.
struct Options {
    struct Invalid: Error, CustomStringConvertible { let description: String }

    var leads = 100_000
    var format = "xlsx"
    var output = "/tmp/liner-writer-benchmark"

    init(_ arguments: ArraySlice<String>) throws {
        var rest = arguments
        var outputGiven = false
        while let flag = rest.popFirst() {
            guard let value = rest.popFirst() else { throw Invalid(description: "\(flag) needs a value") }
            switch flag {
            case "--leads":
                guard let count = Int(value), count > 0 else { throw Invalid(description: "--leads expects a positive number") }
                leads = count
            case "--format": format = value
            case "--output": output = value; outputGiven = true
            default: throw Invalid(description: "unknown option \(flag); use --leads N --format csv|ndjson|xlsx|xml|xml-spreadsheet --output PATH")
            }
        }
        if !outputGiven { output += "." + (format == "xml-spreadsheet" ? "xml" : format) }
    }
}
