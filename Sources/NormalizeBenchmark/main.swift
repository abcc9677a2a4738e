// Throughput of the normalize stage alone (no HTTP, no files): leads from LinerMock's dataset,
// parsed beforehand (JSON decoding is timed on its own too), through the real `LeadNormalizer` with every column (`"*"`), custom fields
// typed by the fake account's list, status and order titles, with phones on and off.
// Also normalize + CSV: the same leads normalized and written by the real `CSVWriter` into a real file
// (published, then removed), and the CSV writer alone on records normalized beforehand.
//
//     swift build -c release --product NormalizeBenchmark
//     .build/release/NormalizeBenchmark [leads] [rounds] [csv]
//
// With `csv`, only normalize + CSV on one core without phones, three times: quick to compare two builds.
import Foundation
import LinerExport
import LinerJSON
import LinerMock

let arguments = CommandLine.arguments.dropFirst().compactMap { Int($0) }
let leadCount = arguments.first ?? 20_000
let rounds = arguments.dropFirst().first ?? 5

/// This thread's CPU time in seconds: on a machine shared with other jobs, wall time also counts
/// the time the scheduler gave them, so the CPU-only figures are the steadier ones to compare.
func threadCPUSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

let dataset = MockDataset(MockDatasetConfiguration(leadCount: leadCount))
let leadJSON: [String] = (0..<leadCount).map { dataset.lead(at: $0).json() }
let leads: [JSONObject] = try leadJSON.map { json in
    guard case .object(let lead) = try JSONParser.parse(json, knownKeys: LeadKeys.matcher) else { fatalError("not an object") }
    return lead
}

let customFields = MockDataset.customFields.map { field in
    CustomFieldDefinition(
        id: field.id, title: field.title, type: field.type, sort: field.sort,
        options: Dictionary(uniqueKeysWithValues: field.options.map { ($0.code, $0.title) }))
}
let references = ReferenceData(
    customFields: customFields,
    statuses: MockDataset.statuses.map { LeadStatusDefinition(id: $0.id, title: $0.title, category: $0.category) },
    orders: MockDataset.orders.map { OrderDefinition(id: $0.id, title: $0.title) })
let layout = try ColumnLayout(
    selections: [.all], customFields: customFields.map { CustomFieldID($0.id) },
    customNames: Dictionary(uniqueKeysWithValues: customFields.map { ($0.id, $0.title) }))
let moscow = TimeZone(identifier: "Europe/Moscow")!

func makeNormalizer(phones: Bool) -> LeadNormalizer {
    LeadNormalizer(
        layout: layout, knownCustomFields: Set(customFields.map(\.id)),
        phones: phones ? PhoneNormalizer(defaultRegion: "RU") : nil,
        parser: TimestampParser(sourceTimeZone: moscow), formatter: TimestampFormatter(timeZone: moscow),
        references: references)
}

/// Best of `rounds` passes over every lead, in leads per second; each pass with a new normalizer,
/// as each run has its own (and so a phone cache that starts empty).
func measure(_ makeNormalizer: () -> LeadNormalizer) throws -> (leadsPerSecond: Double, cpuLeadsPerSecond: Double, warnings: Int) {
    var best = Double.infinity
    var bestCPU = Double.infinity
    var warningCount = 0
    var checksum = 0
    for _ in 0..<rounds {
        let normalizer = makeNormalizer()
        var warnings = NormalizationWarnings()
        let startCPU = threadCPUSeconds()
        let start = ContinuousClock.now
        for lead in leads {
            checksum &+= try normalizer.normalize(lead, warnings: &warnings).count
        }
        let elapsed = ContinuousClock.now - start
        bestCPU = min(bestCPU, threadCPUSeconds() - startCPU)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        best = min(best, seconds)
        warningCount = warnings.total
    }
    precondition(checksum > 0)
    return (Double(leads.count) / best, Double(leads.count) / bestCPU, warningCount)
}

if CommandLine.arguments.contains("csv") {
    for _ in 0..<3 {
        let csv = try await measureCSV { makeNormalizer(phones: false) }
        print(String(format: "normalize + CSV without phones: %.0f leads/s (CPU only %.0f)", csv.leadsPerSecond, csv.cpuLeadsPerSecond))
    }
    exit(0)
}

/// JSON decoding alone: best of `rounds` passes parsing every lead's JSON text.
var bestParse = Double.infinity
var bestParseCPU = Double.infinity
for _ in 0..<rounds {
    var parsed = 0
    let startCPU = threadCPUSeconds()
    let start = ContinuousClock.now
    for json in leadJSON { if case .object(let lead) = try JSONParser.parse(json, knownKeys: LeadKeys.matcher) { parsed &+= lead.members.count } }
    let elapsed = ContinuousClock.now - start
    bestParseCPU = min(bestParseCPU, threadCPUSeconds() - startCPU)
    precondition(parsed > 0)
    bestParse = min(bestParse, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
}

let withPhones = try measure { makeNormalizer(phones: true) }
let withoutPhones = try measure { makeNormalizer(phones: false) }

/// Best of `rounds` runs writing a CSV file the way an export does (`AtomicOutputFile` in a temporary
/// folder, finished and published), in leads per second, each with a new normalizer; `makeNormalizer`
/// nil writes `prepared` records instead, timing the writer alone. Finish and publish (fsync, rename)
/// are inside the time. With `workers` > 1, pages of 100 leads are normalized by that many tasks at
/// once and written in order, as `liner-export run` does without a state file; CPU figures then
/// count every thread of the process.
func measureCSV(
    _ makeNormalizer: (() -> LeadNormalizer)?, prepared: [Record] = [], workers: Int = 1
) async throws -> (leadsPerSecond: Double, cpuLeadsPerSecond: Double) {
    var best = Double.infinity
    var bestCPU = Double.infinity
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("normalize-benchmark-\(getpid())")
    defer { try? FileManager.default.removeItem(at: folder) }
    for _ in 0..<rounds {
        let file = try AtomicOutputFile(finalPath: folder.appendingPathComponent("leads.csv").path)
        let writer = try CSVWriter(
            file: file, titles: layout.titles, delimiter: UInt8(ascii: ","), bom: false, formulaGuard: .quote)
        let normalizer = makeNormalizer?()
        var warnings = NormalizationWarnings()
        let startCPU = workers > 1 ? processCPUSeconds() : threadCPUSeconds()
        let start = ContinuousClock.now
        if let normalizer, workers > 1 {
            try await normalizeInParallel(leads, with: normalizer, workers: workers) { records in
                for record in records { try writer.write(record) }
            }
        } else if let normalizer {
            for lead in leads { try writer.write(try normalizer.normalize(lead, warnings: &warnings)) }
        } else {
            for record in prepared { try writer.write(record) }
        }
        try writer.finish()
        try file.publish()
        let elapsed = ContinuousClock.now - start
        bestCPU = min(bestCPU, (workers > 1 ? processCPUSeconds() : threadCPUSeconds()) - startCPU)
        best = min(best, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        try FileManager.default.removeItem(atPath: file.finalPath)
    }
    return (Double(leads.count) / best, Double(leads.count) / bestCPU)
}

/// The pipeline's shape without HTTP: pages of 100 leads normalized by up to `workers` tasks at a
/// time (each page in its own task, like `ParallelLeadPages`' prepare step), handed to `write` in order.
func normalizeInParallel(
    _ leads: [JSONObject], with normalizer: LeadNormalizer, workers: Int, write: ([Record]) throws -> Void
) async throws {
    let pageSize = 100
    let pageCount = (leads.count + pageSize - 1) / pageSize
    try await withThrowingTaskGroup(of: (Int, [Record]).self) { group in
        var launched = 0
        var waiting: [Int: [Record]] = [:]
        var next = 0
        func launch() {
            let page = launched
            launched += 1
            group.addTask {
                var warnings = NormalizationWarnings()
                let slice = leads[(page * pageSize)..<min(leads.count, (page + 1) * pageSize)]
                return (page, try slice.map { try normalizer.normalize($0, warnings: &warnings) })
            }
        }
        while launched < min(workers * 2, pageCount) { launch() }
        while let (page, records) = try await group.next() {
            waiting[page] = records
            while let ready = waiting.removeValue(forKey: next) {
                try write(ready)
                next += 1
                if launched < pageCount { launch() }
            }
        }
    }
}

/// CPU seconds of every thread of the process.
func processCPUSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
}

let csvWithPhones = try await measureCSV { makeNormalizer(phones: true) }
let csvWithoutPhones = try await measureCSV { makeNormalizer(phones: false) }
let cores = ProcessInfo.processInfo.activeProcessorCount
let csvWithPhonesParallel = try await measureCSV({ makeNormalizer(phones: true) }, workers: cores)
let csvWithoutPhonesParallel = try await measureCSV({ makeNormalizer(phones: false) }, workers: cores)
var preparedWarnings = NormalizationWarnings()
let preparedNormalizer = makeNormalizer(phones: false)
let preparedRecords = try leads.map { try preparedNormalizer.normalize($0, warnings: &preparedWarnings) }
let csvWriterAlone = try await measureCSV(nil, prepared: preparedRecords)
print("leads: \(leads.count), columns: \(layout.columns.count), rounds: \(rounds) (best of)")
/// One line: wall-clock leads/s and µs per lead, then leads per second of CPU time.
func report(_ label: String, _ leadsPerSecond: Double, cpu cpuLeadsPerSecond: Double) {
    print(label.padding(toLength: 44, withPad: " ", startingAt: 0)
        + String(format: "%9.0f leads/s (%.2f µs/lead; CPU only %.0f leads/s)", leadsPerSecond, 1e6 / leadsPerSecond, cpuLeadsPerSecond))
}
report("normalize with phones:", withPhones.leadsPerSecond, cpu: withPhones.cpuLeadsPerSecond)
report("normalize without phones:", withoutPhones.leadsPerSecond, cpu: withoutPhones.cpuLeadsPerSecond)
report("JSON decoding:", Double(leadJSON.count) / bestParse, cpu: Double(leadJSON.count) / bestParseCPU)
report("normalize + CSV with phones:", csvWithPhones.leadsPerSecond, cpu: csvWithPhones.cpuLeadsPerSecond)
report("normalize + CSV without phones:", csvWithoutPhones.leadsPerSecond, cpu: csvWithoutPhones.cpuLeadsPerSecond)
report("normalize + CSV with phones, \(cores) cores:", csvWithPhonesParallel.leadsPerSecond, cpu: csvWithPhonesParallel.cpuLeadsPerSecond)
report("normalize + CSV without phones, \(cores) cores:", csvWithoutPhonesParallel.leadsPerSecond, cpu: csvWithoutPhonesParallel.cpuLeadsPerSecond)
report("CSV writer alone (no phones):", csvWriterAlone.leadsPerSecond, cpu: csvWriterAlone.cpuLeadsPerSecond)
print("warnings per pass: \(withPhones.warnings) with phones, \(withoutPhones.warnings) without")
benchmarkPhones(leads.flatMap { lead in ["phone", "telegramPhone"].compactMap { lead[$0]?.stringValue } }, rounds: rounds)
