import Foundation
import LinerMock
import Testing

/// `preview --columns` and its compact default, and `--from`/`--to`, from the command line.
struct PreviewColumnsTests {
    static func json(_ baseURL: String) -> String {
        """
        {"version": 1, "name": "cli", "source": {"baseURL": "\(baseURL)"},
         "window": {"from": "2024-01-01", "to": "2024-01-02", "timeZone": "UTC"},
         "normalize": {"customFields": {"11": "Комнаты"}},
         "columns": ["*", "ip"],
         "outputs": [{"format": "csv", "path": "out/{name}-{from}.csv"}]}
        """
    }

    /// The titles of the first lead's block (`title | value` lines).
    static func titles(_ output: String) -> [String] {
        let lines = output.split(separator: "\n").map(String.init)
        let block = lines.drop { !$0.hasPrefix("-[ lead 1 ]") }.dropFirst().prefix { !$0.hasPrefix("-[ lead 2 ]") }
        return block.compactMap { $0.components(separatedBy: " | ").first?.trimmingCharacters(in: .whitespaces) }
    }

    @Test func previewShowsTheCompactDefaultTheChosenColumnsOrRefusesAnUnknownKey() async throws {
        var configuration = MockServerConfiguration()
        configuration.dataset.leadCount = 2_000
        try await withMockServer(configuration) { server in
            try CommandLineTests.withPipeline(Self.json(server.baseURL)) { folder, path in
                let environment = ["LINER_API_KEY": configuration.apiKey, "COLUMNS": "60"]
                let compact = try CommandLineTests.run(["preview", "--rows", "2", "--quiet", path], in: folder, environment: environment)
                #expect(compact.status == 0, "\(compact.errors)")
                let titles = Self.titles(compact.output)
                #expect(titles.prefix(3) == ["id", "name", "phone"], "\(titles)")
                #expect(titles.contains("Комнаты"), "a custom field the pipeline names is shown")
                #expect(titles.contains("ip"), "a field the pipeline names is shown")
                #expect(!titles.contains("Бюджет") && !titles.contains("phoneRegion"), "not every field \"*\" adds: \(titles)")
                #expect(compact.output.contains("\(titles.count) of "), "says columns were left out")

                let chosen = try CommandLineTests.run(
                    ["preview", "--rows", "2", "--quiet", "--columns", "id,Бюджет,custom.11,phoneRegion", path], in: folder,
                    environment: ["LINER_API_KEY": configuration.apiKey, "COLUMNS": "200"])
                #expect(chosen.status == 0, "\(chosen.errors)")
                let header = chosen.output.split(separator: "\n").first.map { $0.components(separatedBy: " | ").map { $0.trimmingCharacters(in: .whitespaces) } }
                #expect(header == ["id", "Бюджет", "Комнаты", "phoneRegion"], "\(chosen.output)")

                let otherWindow = try CommandLineTests.run(
                    ["preview", "--rows", "1", "--quiet", "--from", "2024-01-01T06:00", "--to", "2024-01-01T07:00", path], in: folder,
                    environment: environment)
                #expect(otherWindow.status == 0, "\(otherWindow.errors)")
                #expect(otherWindow.output.hasSuffix("1 of 60 leads in 2024-01-01T06:00:00Z to 2024-01-01T07:00:00Z (UTC)\n"), "\(otherWindow.output)")
                let reversed = try CommandLineTests.run(["preview", "--from", "2024-01-02", "--to", "2024-01-01", path], in: folder, environment: environment)
                #expect(reversed.status == 2 && reversed.errors.hasPrefix("Error: --from/--to: expected \"from\" before \"to\""), "\(reversed.errors)")

                let unknown = try CommandLineTests.run(["preview", "--columns", "id,nmae", path], in: folder, environment: environment)
                #expect(unknown.status == 2)
                #expect(unknown.errors.hasPrefix(#"Error: --columns: no column "nmae" in this pipeline; expected all or keys among id, name, phone,"#),
                        "\(unknown.errors)")
                #expect(unknown.errors.contains("custom.10"))
                #expect(unknown.output.isEmpty)
            }
        }
    }
}
