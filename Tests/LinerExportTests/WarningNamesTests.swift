import Foundation
import LinerMock
import Testing
@testable import LinerExport

/// Warning names say what happened in which format, the same in the summary, the manifest and the
/// metrics, and every one has a row in the warnings table of docs/operations.md.
struct WarningNamesTests {
    @Test func forbiddenCharactersAreNamedByTheFormatThatCleanedThem() async throws {
        let configuration = EndToEndTests.configuration(leads: 3_000)
        try await withTemporaryFolder { folder in
            let metricsPath = folder + "/liner.prom"
            let summary = try await exportFromMockServer(configuration) { server in
                makeTestPipeline(server: server, folder: folder) {
                    $0.window = EndToEndTests.firstTwoDays
                    $0.source.requestsPerSecond = 0
                    $0.outputs = [
                        OutputSpec(format: .xlsx, path: folder + "/l.xlsx"),
                        OutputSpec(format: .xml, path: folder + "/l.xml"),
                        OutputSpec(format: .xml, path: folder + "/s.xml", flavor: .spreadsheet),
                    ]
                    $0.metrics = MetricsSpec(textfile: metricsPath)
                }
            }
            func fields(_ kind: String) -> Set<String> {
                Set(summary.warnings.counts.keys.filter { $0.kind.rawValue == kind }.map(\.field))
            }
            #expect(summary.runWarnings["xlsx_forbidden_character", default: 0] > 0)
            #expect(summary.runWarnings["xml_forbidden_character", default: 0] > 0)
            #expect(fields("xlsx_forbidden_character").allSatisfy { $0.hasPrefix("xlsx: ") }, "\(fields("xlsx_forbidden_character"))")
            #expect(fields("xml_forbidden_character").allSatisfy { $0.hasPrefix("xml: ") || $0.hasPrefix("xml spreadsheet: ") },
                    "\(fields("xml_forbidden_character"))")
            #expect(summary.text.contains("  xlsx_forbidden_character \(summary.runWarnings["xlsx_forbidden_character", default: 0]) (xlsx: "))

            let (manifest, _, _) = try RunManifestTests.readManifest(try #require(summary.manifestPath))
            #expect(manifest["warnings"] as? [String: Int] == summary.runWarnings)
            let byField = manifest["warningsByField"] as? [String: [String: Int]]
            #expect(byField?["xlsx_forbidden_character"].map { Set($0.keys) } == fields("xlsx_forbidden_character"))
            #expect(byField?["xml_forbidden_character"].map { Set($0.keys) } == fields("xml_forbidden_character"))

            let samples = try MetricsTextfileTests.samples(metricsPath)
            for (kind, count) in summary.runWarnings {
                #expect(samples["liner_export_last_run_warnings_by_kind{kind=\(kind)}"] == Double(count), "\(kind)")
            }
        }
    }

    /// The rows of the warnings table of docs/operations.md (`## Warnings`), by name.
    static func readmeWarningNames() throws -> Set<String> {
        let readme = try String(contentsOfFile: ReadmeReferenceTests.operationsPath, encoding: .utf8)
        let section = try #require(readme.components(separatedBy: "\n## Warnings\n").dropFirst().first)
        let table = section.components(separatedBy: "\n\n").first { $0.hasPrefix("| warning |") } ?? ""
        var names = Set<String>()
        for line in table.split(separator: "\n") where line.hasPrefix("| `") {
            let first = line.dropFirst(2).prefix { $0 != "|" }
            for part in first.split(separator: "`").enumerated() where part.offset % 2 == 0 { names.insert(String(part.element)) }
        }
        return names
    }

    @Test func everyWarningNameHasAReadmeRow() throws {
        let names = try Self.readmeWarningNames()
        let known = NormalizationWarnings.Kind.allCases.map(\.rawValue) + FetchWarning.allCases.map(\.rawValue)
        #expect(known.count >= 16)
        for name in known {
            #expect(names.contains(name), "the warnings table of docs/operations.md has no row for \(name)")
        }
        #expect(Set(known).isSuperset(of: names), "the README names warnings the tool never counts: \(names.subtracting(known))")
    }
}
