import Foundation
import LinerJSON
import LinerMock
import Testing
@testable import LinerExport

/// What the writers change so every file reads back: the CSV formula guard (header titles too, counted
/// by column, three modes), control characters in CSV, and strict JSON in NDJSON.
struct OutputHygieneTests {
    /// Writes `records` under `titles` to `out.csv` in `folder`; returns the path and the writer.
    static func writeCSV(
        _ records: [[Cell]], titles: [String], delimiter: UInt8 = UInt8(ascii: ","), formulaGuard: FormulaGuard = .quote,
        in folder: String
    ) throws -> (path: String, writer: CSVWriter) {
        let path = folder + "/out.csv"
        let file = try AtomicOutputFile(finalPath: path)
        let writer = try CSVWriter(
            file: file, titles: titles, keys: titles.indices.map { "c\($0)" }, delimiter: delimiter, bom: false,
            formulaGuard: formulaGuard)
        for cells in records { try writer.write(Record(cells: cells, extras: [])) }
        try writer.finish()
        try file.publish()
        return (path, writer)
    }

    /// The header as Python's csv reads it.
    static func header(_ path: String, delimiter: String = ",") throws -> [String] {
        let script = "import csv, json, sys\nprint(json.dumps(next(csv.reader(open(sys.argv[1], newline='', encoding='utf-8'), delimiter=sys.argv[2]))))"
        let result = try runProgram(["python3", "-c", script, path, delimiter])
        guard result.status == 0 else { throw ProgramFailed(description: result.errors) }
        return try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String] ?? []
    }

    @Test func csvHeaderTitlesAreGuardedAndCounted() throws {
        try withTemporaryFolder { folder in
            let titles = [#"=HYPERLINK("http://evil.example","Budget")"#, "@handle", "plain"]
            let (path, writer) = try Self.writeCSV([[.text("x"), .text("@ig.user.1"), .text("y")]], titles: titles, in: folder)
            #expect(try Self.header(path) == titles.map(EndToEndTests.guarded))
            #expect(writer.formulaGuarded == ["csv: c0": 1, "csv: c1": 2], "every guarded cell, the header's too")
            #expect(writer.warnings.total == 0, "guarding is not a warning")
        }
    }

    @Test(arguments: [
        (FormulaGuard.quote, UInt8(ascii: ","), "'"), (.tab, UInt8(ascii: ","), "\t"), (.tab, 0x09, "\t"), (.off, UInt8(ascii: ","), ""),
    ])
    func csvFormulaGuardModes(_ mode: FormulaGuard, delimiter: UInt8, prefix: String) throws {
        try withTemporaryFolder { folder in
            let texts = ["=1+1", "@ig.user.80810", "-", "+7 звонить", "\tTab", "plain", "a\tb"]
            let records = texts.map { [Cell.text($0), .phone("+79001234567"), .number("-5")] }
            let (path, writer) = try Self.writeCSV(records, titles: ["text", "phone", "n"], delimiter: delimiter, formulaGuard: mode, in: folder)
            let rows = try PythonReader.csvRows(path, delimiter: String(UnicodeScalar(delimiter)))
            #expect(rows.count == texts.count, "a tab guard in a tab-separated file shifts no column")
            for (row, text) in zip(rows, texts) {
                let isTrigger = "=+-@\t".contains(text.first!)
                #expect(row["text"] == (isTrigger ? prefix + text : text), "\(mode) \(text.debugDescription)")
                #expect(row["phone"] == "+79001234567")
                #expect(row["n"] == "-5")
            }
            #expect(writer.formulaGuarded == (mode == .off ? [:] : ["csv: c0": 5]))
        }
    }

    @Test func csvControlCharactersBecomeReplacementCharactersAndAreCounted() throws {
        try withTemporaryFolder { folder in
            // Long enough for the eight-bytes-at-a-time scan; NUL, a control after a quote, a tab and CR LF kept.
            let texts = [
                "nul\u{0}inside", "\u{1}first", "quote \"and\" \u{1B}escape, comma", "tab\tkept\r\nand lines",
                String(repeating: "долгий текст ", count: 20) + "\u{7}bell", "clean text that is long enough to scan", "\u{0}",
            ]
            let replaced = texts.map { $0.replacingControls() }
            let (path, writer) = try Self.writeCSV(texts.map { [.text($0), .text($0)] }, titles: ["a", "b\u{0}"], in: folder)
            #expect(try Self.header(path) == ["a", "b\u{FFFD}"])
            let rows = try PythonReader.csvRows(path)
            #expect(rows.map { $0["a"] ?? "?" } == replaced)
            #expect(rows.map { $0["b\u{FFFD}"] ?? "?" } == replaced)
            #expect(writer.warnings.counts == [
                .init(kind: .controlCharacter, field: "csv: c0"): 5, .init(kind: .controlCharacter, field: "csv: c1"): 6,
            ], "one per cell, the header's too")
            let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            #expect(!bytes.contains(0), "no NUL left in the file")
        }
    }

    @Test func ndjsonWritesNumbersNoDoubleCanHoldAsStrings() throws {
        try withTemporaryFolder { folder in
            let path = folder + "/out.ndjson"
            let file = try AtomicOutputFile(finalPath: path)
            let writer = NDJSONWriter(file: file, titles: ["n", "j"], keys: ["custom.12", "raw"])
            let big = String(repeating: "9", count: 400)
            try writer.write(Record(
                cells: [.number("1e999"), .json(.array([.number("-1E400"), .number("1.5")]))],
                extras: [(key: "extra", value: .object(JSONObject([("deep", .number(big)), ("ok", .number("2e10"))])))]))
            try writer.write(Record(cells: [.number("-2.5e3"), .empty], extras: []))
            try writer.finish()
            try file.publish()
            let rows = try PythonReader.ndjsonRows(path)
            #expect(rows[0]["n"] as? String == "1e999")
            #expect((rows[0]["j"] as? [Any])?.first as? String == "-1E400")
            #expect(((rows[0]["extra"] as? [String: Any])?["deep"]) as? String == big)
            #expect(((rows[0]["extra"] as? [String: Any])?["ok"]) as? Double == 2e10)
            #expect(rows[1]["n"] as? Double == -2500)
            #expect(writer.warnings.counts == [
                .init(kind: .nonFiniteNumber, field: "ndjson: custom.12"): 1, .init(kind: .nonFiniteNumber, field: "ndjson: raw"): 1,
                .init(kind: .nonFiniteNumber, field: "ndjson: extra"): 1,
            ])
        }
    }

    @Test(arguments: [NDJSONShape.flat, .nested])
    func ndjsonNeverWritesAKeyTwice(_ shape: NDJSONShape) throws {
        try withTemporaryFolder { folder in
            let path = folder + "/out.ndjson"
            let file = try AtomicOutputFile(finalPath: path)
            // A custom column titled like a lead member the API added, and members whose keys clash.
            let titles = ["id", "Бюджет", "tags"]
            let writer = NDJSONWriter(
                file: file, titles: titles, keys: ["id", "custom.10", "custom.11"],
                groupedColumns: shape == .nested ? [false, true, true] : [])
            try writer.write(Record(
                cells: [.integer(1), .text("1500"), .text("vip")],
                extras: [
                    (key: "customFields", value: .string("added by the API")), (key: "id", value: .number("7")),
                    (key: "tags", value: .string("top-level tags")), (key: "dup", value: .number("1")), (key: "dup", value: .number("2")),
                    (key: "dup (extra)", value: .number("3")),
                ]))
            try writer.finish()
            try file.publish()
            let row = try #require(try PythonReader.ndjsonRows(path).first)
            #expect(row["id"] as? Int == 1)
            #expect(row["id (extra)"] as? Int == 7)
            #expect(row["dup"] as? Int == 1)
            #expect(Set([row["dup (extra)"] as? Int, row["dup (extra) (extra)"] as? Int, row["dup (extra 2)"] as? Int]).isSuperset(of: [2, 3]))
            var renamed = [NormalizationWarnings.Key(kind: .renamedKey, field: "ndjson: id"): 1, .init(kind: .renamedKey, field: "ndjson: dup"): 1]
            switch shape {
            case .flat:
                #expect(row["customFields"] as? String == "added by the API")
                #expect(row["tags"] as? String == "vip")
                #expect(row["tags (extra)"] as? String == "top-level tags")
                renamed[.init(kind: .renamedKey, field: "ndjson: tags")] = 1
            case .nested:
                #expect(row["customFields"] as? [String: String] == ["Бюджет": "1500", "tags": "vip"])
                #expect(row["customFields (extra)"] as? String == "added by the API")
                #expect(row["tags"] as? String == "top-level tags", "custom columns are inside customFields")
                renamed[.init(kind: .renamedKey, field: "ndjson: customFields")] = 1
            }
            #expect(writer.warnings.counts.filter { $0.key.kind == .renamedKey } == renamed)
        }
    }

    @Test func nestedNDJSONRefusesALeadFieldRenamedCustomFields() throws {
        let json = """
            {"version": 1, "source": {"baseURL": "https://example.liner.host"},
             "window": {"from": "2024-01-01", "to": "2024-01-02"},
             "columns": ["id", {"field": "name", "as": "customFields"}],
             "outputs": [{"format": "csv", "path": "a.csv"}, {"format": "ndjson", "path": "a.ndjson", "shape": "nested"}]}
            """
        let error = #expect(throws: ExportError.self) { try PipelineLoader.decode(Data(json.utf8), origin: "p.json") }
        #expect(error?.exitCode == 2)
        #expect(error?.message.contains(#"columns[1].as: expected another name: a nested NDJSON output keeps "customFields""#) == true,
                "\(error?.message ?? "")")
        let flat = json.replacingOccurrences(of: #", "shape": "nested""#, with: "")
        #expect(throws: Never.self) { try PipelineLoader.decode(Data(flat.utf8), origin: "p.json") }
    }

    @Test(arguments: [
        (#""quote""#, FormulaGuard.quote), (#""tab""#, .tab), (#""off""#, .off), ("true", .quote), ("false", .off),
    ])
    func formulaGuardKeyTakesAModeOrTheOldBoolean(_ value: String, expected: FormulaGuard) throws {
        let spec = try PipelineLoader.decode(Data(Self.pipeline(formulaGuard: value).utf8), origin: "p.json")
        #expect(spec.outputs[0].formulaGuard == expected)
    }

    @Test func formulaGuardKeyRefusesAnythingElse() throws {
        for value in [#""apostrophe""#, "1"] {
            let error = #expect(throws: ExportError.self) { try PipelineLoader.decode(Data(Self.pipeline(formulaGuard: value).utf8), origin: "p.json") }
            #expect(error?.message.contains("outputs[0].formulaGuard: expected one of quote, tab, off") == true, "\(error?.message ?? "")")
        }
    }

    static func pipeline(formulaGuard: String) -> String {
        """
        {"version": 1, "source": {"baseURL": "https://example.liner.host"}, "window": {"from": "2024-01-01", "to": "2024-01-02"},
         "outputs": [{"format": "csv", "path": "a.csv", "formulaGuard": \(formulaGuard)}]}
        """
    }

    /// A run against the fake server: guarded cells are counted by column in the summary, the
    /// manifest and the metrics, match what the CSV holds, and are not warnings; a custom field title
    /// that starts like a formula is guarded in the header.
    @Test func runCountsGuardedCellsByColumnInTheSummaryManifestAndMetrics() async throws {
        let configuration = EndToEndTests.configuration(leads: 3_000)
        try await withTemporaryFolder { folder in
            let summary = try await exportFromMockServer(configuration) { server in
                makeTestPipeline(server: server, folder: folder) {
                    $0.window = EndToEndTests.firstTwoDays
                    $0.columns = [.defaults, .field("instagramLogin", title: nil), .field("telegramUserName", title: nil)]
                    $0.normalize.customFields = CustomFieldSpec(names: [10: "=Бюджет*2"])
                    $0.metrics = MetricsSpec(textfile: folder + "/liner.prom")
                }
            }
            let csvPath = folder + "/leads-2024-01-01.csv"
            #expect(try Self.header(csvPath).contains("'=Бюджет*2"))
            // Count the CSV's guarded cells by column, against the NDJSON's values.
            let csv = try PythonReader.csvRows(csvPath)
            let ndjson = try PythonReader.ndjsonRows(folder + "/leads-2024-01-01.ndjson")
            #expect(csv.count == ndjson.count)
            var guarded: [String: Int] = ["csv: custom.10": 1]  // the header
            for (row, lead) in zip(csv, ndjson) {
                for (csvTitle, text) in row {
                    let title = csvTitle == "'=Бюджет*2" ? "=Бюджет*2" : csvTitle  // the CSV's header is guarded
                    guard text.hasPrefix("'"), (lead[title] as? String).map({ "'" + $0.replacingControls() == text }) == true else { continue }
                    guarded["csv: " + (title == "=Бюджет*2" ? "custom.10" : title), default: 0] += 1
                }
            }
            #expect(guarded["csv: instagramLogin", default: 0] > 0 && guarded["csv: telegramUserName", default: 0] > 0, "\(guarded)")
            #expect(summary.formulaGuarded == guarded)
            #expect(summary.runWarnings["formula_guarded"] == nil, "a guarded cell is not a warning (onWarnings never sees it)")
            let total = guarded.values.reduce(0, +)
            #expect(summary.text.contains("formula_guarded: \(total) CSV cells ("), "\(summary.text)")
            #expect(summary.text.contains("csv: instagramLogin \(guarded["csv: instagramLogin"]!)"), "\(summary.text)")
            let manifest = try RunManifestTests.readManifest(folder + "/test.manifest.json").manifest
            #expect(manifest["formulaGuarded"] as? [String: Int] == guarded)
            let metrics = try String(contentsOfFile: folder + "/liner.prom", encoding: .utf8)
            #expect(metrics.contains("liner_export_last_run_formula_guarded{pipeline=\"test\"} \(total)\n"))
        }
    }
}

extension String {
    /// This text with each C0 control but tab, LF and CR replaced by U+FFFD, as the CSV writer does.
    func replacingControls() -> String {
        String(String.UnicodeScalarView(unicodeScalars.map { $0.value < 0x20 && ![0x09, 0x0A, 0x0D].contains($0.value) ? "\u{FFFD}" : $0 }))
    }
}
