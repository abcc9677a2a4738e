import Foundation
import LinerJSON
import LinerMock
import Testing
@testable import LinerExport

/// Whole runs against the fake server's reference endpoints: custom field titles, types, select and
/// multiselect titles, status and order titles, in CSV and NDJSON (flat and nested), read back by
/// Python, which also reports each NDJSON value's type.
struct ReferenceEndToEndTests {
    static let columns = fieldColumns("id", "statusId", "statusTitle", "statusCategory", "orderId", "orderTitle") + [.allCustomFields]

    /// Each NDJSON row as key → [Python type name, value].
    static func typedNDJSONRows(_ path: String) throws -> [[String: [Any]]] {
        let script = #"""
        import json, sys
        rows = []
        with open(sys.argv[1], encoding="utf-8") as handle:
            for line in handle:
                row = json.loads(line)
                def typed(value):
                    if isinstance(value, dict):
                        return ["dict", {k: typed(v) for k, v in value.items()}]
                    return [type(value).__name__, value]
                rows.append({k: typed(v) for k, v in row.items()})
        json.dump(rows, sys.stdout, ensure_ascii=False)
        """#
        let result = try runProgram(["python3", "-c", script, path])
        guard result.status == 0 else { throw ProgramFailed(description: result.errors) }
        return try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [[String: [Any]]] ?? []
    }

    /// The raw custom values of a lead of the fake dataset.
    static func rawCustomValues(_ lead: MockLead) throws -> [String: JSONValue] {
        guard case .object(let object) = try JSONParser.parse(lead.json()), case .object(let values)? = object["customValues"]
        else { return [:] }
        return Dictionary(values.members.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
    }

    static let fields = Dictionary(uniqueKeysWithValues: MockDataset.customFields.map { ($0.id, $0) })

    @Test func customFieldsAndTitlesInEveryFormat() async throws {
        var configuration = MockServerConfiguration()
        configuration.dataset.leadCount = 2_000
        try await withTemporaryFolder { folder in
            let summary = try await exportFromMockServer(configuration) { server in
                makeTestPipeline(server: server, folder: folder) {
                    $0.columns = Self.columns
                    $0.outputs = [
                        OutputSpec(format: .csv, path: folder + "/leads.csv", listSeparator: " | "),
                        OutputSpec(format: .ndjson, path: folder + "/flat.ndjson"),
                        OutputSpec(format: .ndjson, path: folder + "/nested.ndjson", shape: .nested),
                    ]
                }
            }
            let dataset = MockDataset(configuration.dataset)
            #expect(summary.leads == 1_440)
            #expect(summary.warnings.counts.keys.allSatisfy { $0.kind == .unknownCustomField && $0.field == "custom.99" },
                "every value of the fake account fits its type: \(summary.warnings.counts)")

            let csv = try PythonReader.csvRows(folder + "/leads.csv")
            let titles = MockDataset.customFields.sorted { $0.sort < $1.sort }.map(\.title)
            let flat = try Self.typedNDJSONRows(folder + "/flat.ndjson")
            let nested = try Self.typedNDJSONRows(folder + "/nested.ndjson")
            #expect(csv.count == 1_440 && flat.count == 1_440 && nested.count == 1_440)
            var seenTypes = Set<String>()
            for (index, row) in flat.enumerated() {
                let id = try #require(row["id"]?[1] as? Int)
                let lead = dataset.lead(at: id - 1)
                let status = try #require(MockDataset.statuses.first { $0.id == lead.statusId })
                let order = try #require(MockDataset.orders.first { $0.id == lead.orderId })
                #expect(row["statusTitle"]?[1] as? String == status.title)
                #expect(row["statusCategory"]?[1] as? String == status.category)
                #expect(row["orderTitle"]?[1] as? String == order.title)
                #expect(csv[index]["statusTitle"] == status.title && csv[index]["orderTitle"] == order.title)
                #expect(csv[index]["id"] == String(id), "CSV and NDJSON hold the same leads in the same order")

                let raw = try Self.rawCustomValues(lead)
                let group = try #require(nested[index]["customFields"]?[1] as? [String: [Any]])
                #expect(nested[index]["custom.10"] == nil && nested[index]["Бюджет"] == nil, "nested keeps custom fields in their object")
                for (id, field) in Self.fields {
                    let cell = row[field.title]
                    #expect(cell != nil, "column \(field.title) exists in every row")
                    #expect((group[field.title]?[0] as? String) == (cell?[0] as? String), "nested and flat agree on \(field.title)")
                    guard let value = raw[String(id)], !value.isNull, let cell else {
                        #expect(cell?[0] as? String == "NoneType")
                        continue
                    }
                    let type = cell[0] as? String ?? ""
                    seenTypes.insert("\(field.type):\(type)")
                    switch field.type {
                    case "int": #expect(type == "int" && cell[1] as? Int == value.int64Value.map { Int($0) })
                    case "float": #expect(type == "float" || type == "int")
                    case "bool": #expect(type == "bool" && cell[1] as? Bool == value.boolValue)
                    case "date": #expect(type == "str" && (cell[1] as? String)?.count == 10)
                    case "datetime": #expect(type == "str" && (cell[1] as? String)?.hasSuffix("Z") == true)
                    case "select":
                        let title = field.options.first { $0.code == value.stringValue }?.title
                        #expect(type == "str" && cell[1] as? String == title)
                        #expect(csv[index][field.title] == title)
                    case "multiselect":
                        guard case .array(let codes) = value else { continue }
                        let expected = codes.map { code in field.options.first { $0.code == code.stringValue }!.title }
                        #expect(type == "list" && cell[1] as? [String] == expected)
                        #expect(csv[index][field.title] == expected.joined(separator: " | "))
                    default:
                        #expect(type == "str" || type == "NoneType")
                    }
                }
            }
            for type in ["int:int", "float:float", "bool:bool", "date:str", "datetime:str", "select:str", "multiselect:list"] {
                #expect(seenTypes.contains(type), "the window holds a \(type) value")
            }
            #expect(csv.first?.count == 6 + titles.count)
        }
    }

    @Test func primaryOnlyLeavesSecondaryLeadsOut() async throws {
        var configuration = MockServerConfiguration()
        configuration.dataset.leadCount = 2_000
        try await withTemporaryFolder { folder in
            let summary = try await exportFromMockServer(configuration) { server in
                makeTestPipeline(server: server, folder: folder) {
                    $0.filters = FilterSpec(primaryOnly: true)
                    $0.columns = fieldColumns("id", "isSecondary", "previousLeadId")
                    $0.outputs = [OutputSpec(format: .ndjson, path: folder + "/leads.ndjson")]
                }
            }
            let dataset = MockDataset(configuration.dataset)
            let secondary = (0..<1_440).filter { index in
                let lead = dataset.lead(at: index)
                return lead.isSecondary ?? (lead.previousLeadId != nil)
            }
            #expect(!secondary.isEmpty, "the fake window holds secondary leads")
            #expect(summary.secondarySkipped == secondary.count)
            #expect(summary.leads == 1_440 - secondary.count)
            let rows = try PythonReader.ndjsonRows(folder + "/leads.ndjson")
            #expect(rows.count == summary.leads)
            #expect(Set(rows.compactMap { $0["id"] as? Int }).isDisjoint(with: secondary.map { $0 + 1 }))
        }
    }

    /// Runs the reference columns against a server missing `paths`; returns the NDJSON rows and summary.
    static func runWithMissing(_ paths: Set<String>) async throws -> (rows: [[String: Any]], summary: RunSummary) {
        var configuration = MockServerConfiguration()
        configuration.dataset.leadCount = 300
        configuration.missingPaths = paths
        return try await withTemporaryFolder { folder in
            let summary = try await exportFromMockServer(configuration) { server in
                makeTestPipeline(server: server, folder: folder) {
                    $0.columns = Self.columns
                    $0.outputs = [OutputSpec(format: .ndjson, path: folder + "/leads.ndjson")]
                }
            }
            return (try PythonReader.ndjsonRows(folder + "/leads.ndjson"), summary)
        }
    }

    @Test func theOtherSpellingOfEachReferencePathIsTried() async throws {
        let (rows, summary) = try await Self.runWithMissing(["/v2/lead-status", "/v2/custom-field", "/v2/order"])
        #expect(summary.leads == 300)
        #expect(rows.allSatisfy { $0["statusTitle"] is String && $0["orderTitle"] is String })
        #expect(rows.allSatisfy { $0.keys.contains("Источник") }, "custom fields are titled from /v2/custom-fields/")
    }

    @Test func aMissingReferenceListLeavesItsColumnsEmptyButTheExportRuns() async throws {
        let (rows, summary) = try await Self.runWithMissing(["/v2/lead-status", "/v2/lead-statuses", "/v2/order", "/v2/orders"])
        #expect(summary.leads == 300)
        #expect(rows.allSatisfy { $0["statusTitle"] is NSNull && $0["orderTitle"] is NSNull })
        #expect(rows.allSatisfy { $0.keys.contains("Источник") })
        #expect(summary.warnings.counts.keys.allSatisfy { $0.kind == .unknownCustomField }, "no warning per lead for a list that is not there")
    }
}
