// Throughput of the normalize stage alone (no HTTP, no files): leads from LinerMock's dataset,
// parsed beforehand (JSON decoding is timed on its own too), through the real `LeadNormalizer` with every column (`"*"`), custom fields
// typed by the fake account's list, status and order titles, with phones on and off.
//
//     swift build -c release --product NormalizeBenchmark
//     .build/release/NormalizeBenchmark [leads] [rounds]
import Foundation
import LinerExport
import LinerMock

let arguments = CommandLine.arguments.dropFirst().compactMap { Int($0) }
let leadCount = arguments.first ?? 20_000
let rounds = arguments.dropFirst().first ?? 5

let dataset = MockDataset(MockDatasetConfiguration(leadCount: leadCount))
let leadJSON: [String] = (0..<leadCount).map { dataset.lead(at: $0).json() }
let leads: [JSONObject] = try leadJSON.map { json in
    guard case .object(let lead) = try JSONParser.parse(json) else { fatalError("not an object") }
    return lead
}

/// JSON decoding alone: best of `rounds` passes parsing every lead's JSON text.
var bestParse = Double.infinity
for _ in 0..<rounds {
    var parsed = 0
    let start = ContinuousClock.now
    for json in leadJSON { if case .object(let lead) = try JSONParser.parse(json) { parsed &+= lead.members.count } }
    let elapsed = ContinuousClock.now - start
    precondition(parsed > 0)
    bestParse = min(bestParse, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
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
func measure(_ makeNormalizer: () -> LeadNormalizer) throws -> (leadsPerSecond: Double, warnings: Int) {
    var best = Double.infinity
    var warningCount = 0
    var checksum = 0
    for _ in 0..<rounds {
        let normalizer = makeNormalizer()
        var warnings = NormalizationWarnings()
        let start = ContinuousClock.now
        for lead in leads {
            checksum &+= try normalizer.normalize(lead, warnings: &warnings).cells.count
        }
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        best = min(best, seconds)
        warningCount = warnings.total
    }
    precondition(checksum > 0)
    return (Double(leads.count) / best, warningCount)
}

let withPhones = try measure { makeNormalizer(phones: true) }
let withoutPhones = try measure { makeNormalizer(phones: false) }
print("leads: \(leads.count), columns: \(layout.columns.count), rounds: \(rounds) (best of)")
print(String(format: "normalize with phones:    %9.0f leads/s (%.2f µs/lead)", withPhones.leadsPerSecond, 1e6 / withPhones.leadsPerSecond))
print(String(format: "normalize without phones: %9.0f leads/s (%.2f µs/lead)", withoutPhones.leadsPerSecond, 1e6 / withoutPhones.leadsPerSecond))
print(String(format: "JSON decoding:            %9.0f leads/s (%.2f µs/lead)", Double(leadJSON.count) / bestParse, 1e6 * bestParse / Double(leadJSON.count)))
print("warnings per pass: \(withPhones.warnings) with phones, \(withoutPhones.warnings) without")
benchmarkPhones(leads.flatMap { lead in ["phone", "telegramPhone"].compactMap { lead[$0]?.stringValue } }, rounds: rounds)
