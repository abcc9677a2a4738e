import Foundation
import LinerDemo
import Testing
@testable import LinerExport

/// Every way a pipeline file can be wrong names the key path and what was expected.
struct PipelineSpecTests {
    static let valid = """
        {"$schema": "./pipeline.schema.json", "version": 1, "name": "nightly",
         "source": {"baseURL": "https://example.liner.host", "apiKeyEnv": "LINER_API_KEY"},
         "window": {"from": "yesterday", "to": "today", "timeZone": "Europe/Moscow"},
         "filters": {"orderIds": [100, 101], "statusIds": [1, 2]},
         "normalize": {"phones": {"defaultRegion": "RU"}, "dates": {"timeZone": "Europe/Moscow"}, "customFields": {"10": "Budget"}},
         "columns": ["*"],
         "outputs": [{"format": "csv", "path": "exports/leads-{from}.csv", "delimiter": ";", "bom": true},
                     {"format": "ndjson", "path": "exports/leads-{from}.ndjson"}]}
        """

    /// The valid document with one substring replaced.
    static func variant(_ target: String, _ replacement: String) -> String {
        precondition(valid.contains(target), "the base pipeline has no \(target)")
        return valid.replacingOccurrences(of: target, with: replacement)
    }

    @Test func validPipelineDecodes() throws {
        let spec = try PipelineLoader.decode(Data(Self.valid.utf8), origin: "x.json")
        #expect(spec.name == "nightly")
        #expect(spec.filters.orderIds == [100, 101])
        #expect(spec.outputs.map(\.format) == [.csv, .ndjson])
        #expect(spec.outputs[0].delimiter == UInt8(ascii: ";"))
        #expect(spec.normalize.customFields.names == [10: "Budget"])
        #expect(spec.source.pageSize == 100)
        #expect(spec.window.from == .startOfDay(daysFromToday: -1))
    }

    static let badFiles: [(document: String, message: String)] = [
        (variant(#""format": "ndjson""#, #""format": "xls""#), #"outputs[1].format: expected one of csv, ndjson, xml, xlsx, got "xls""#),
        (variant(#""columns""#, #""colums""#), "colums: unknown key; expected one of"),
        (variant(#""apiKeyEnv": "LINER_API_KEY""#, #""apiKey": "secret-123""#),
         "source.apiKey: unknown key; expected one of baseURL, apiKeyEnv, apiKeyFile, pageSize, timeoutSeconds, maxAttempts, "
            + "retryBaseDelaySeconds, retryMaxDelaySeconds, requestsPerSecond, concurrency, deadlineSeconds, allowInsecureHTTP; "
            + "the token never goes in the pipeline file"),
        (variant(#""https://example.liner.host""#, #""http://example.liner.host""#),
         #"source.baseURL: expected https:// for a host that is not loopback, got "http://example.liner.host": over http:// "#
            + "the token and the leads would cross the network in clear text"),
        (variant(#""version": 1"#, #""version": 2"#), "version: expected 1, got 2"),
        (variant(#""version": 1,"#, ""), "version: required key is missing"),
        (variant(#""to": "today", "timeZone": "Europe/Moscow"}"#, #""to": "today", "timeZone": "Mars/Base"}"#),
         #"window.timeZone: expected an IANA time zone like "Europe/Moscow" or "utc", got "Mars/Base""#),
        (variant(#""from": "yesterday""#, #""from": "2023-02-29""#), #"window.from: expected an ISO 8601 date or date-time"#),
        (variant(#""window": {"from": "yesterday", "to": "today", "timeZone": "Europe/Moscow"}"#, #""window": "last week""#),
         #"window: expected "yesterday", "today", "last N days" or an object"#),
        (variant(#""to": "today", "timeZone": "Europe/Moscow"}"#, #""to": "today", "timeZone": "Europe/Moscow", "leadsPerWindow": 50}"#),
         "window.leadsPerWindow: expected 100 to 1000000, got 50"),
        (variant(#""to": "today", "timeZone": "Europe/Moscow"}"#, #""to": "today", "timeZone": "Europe/Moscow", "chunk": "day", "leadsPerWindow": 5000}"#),
         #"window.leadsPerWindow: "leadsPerWindow" needs "chunk": "auto""#),
        (variant(#""LINER_API_KEY""#, #""lnr.9f2c-77ab""#), "source.apiKeyEnv: expected the name of an environment variable ([A-Z_][A-Z0-9_]*)"),
        (variant(#""apiKeyEnv": "LINER_API_KEY""#, #""pageSize": 500"#), "source.pageSize: expected 1 to 100, got 500"),
        (variant(#""apiKeyEnv": "LINER_API_KEY""#, #""pageSize": "100""#), "source.pageSize: expected an integer, got a string"),
        (variant(#""https://example.liner.host""#, #""example.liner.host""#), "source.baseURL: expected an http(s) URL"),
        (variant(#""https://example.liner.host""#, #""https://example.liner.host/v2/lead/""#),
         #"source.baseURL: expected the account's address without the API path (/v2/lead/ is appended to it), "#
            + #"got "https://example.liner.host/v2/lead/"; use "https://example.liner.host""#),
        (variant(#""https://example.liner.host""#, #""https://example.liner.host/crm/V2""#),
         #"source.baseURL: expected the account's address without the API path (/v2/lead/ is appended to it), "#
            + #"got "https://example.liner.host/crm/V2"; use "https://example.liner.host/crm""#),
        (variant(#""delimiter": ";""#, #""delimiter": ";;""#), "outputs[0].delimiter: expected one ASCII character"),
        (variant(#""exports/leads-{from}.csv""#, #""exports/{date}.csv""#), "outputs[0].path: expected placeholders {name}, {from}, {to} or {part}, got {date}"),
        (variant(#""path": "exports/leads-{from}.ndjson""#, #""path": "exports/leads-{from}.ndjson", "bom": true"#),
         "outputs[1].bom: applies to csv outputs only, not ndjson"),
        (variant(#""exports/leads-{from}.ndjson""#, #""exports/leads-{from}.csv""#), "outputs: expected a different path for each output"),
        (variant(#""columns": ["*"]"#, #""columns": ["*", "nmae"]"#), #"columns[1]: expected "*", "default", "custom.*", "custom.<id>" or a lead field"#),
        (variant(#""columns": ["*"]"#, #""columns": [{"field": "phone", "as": ""}]"#), "columns[0].as: expected a non-empty column name"),
        (variant(#""columns": ["*"]"#, #""columns": []"#), "columns: expected at least one column, got []"),
        (variant(#""defaultRegion": "RU""#, #""defaultRegion": "Russia""#), #"normalize.phones.defaultRegion: expected a two-letter region code like "RU", got "Russia""#),
        (variant(#""defaultRegion": "RU""#, #""defaultRegion": "ZZ""#),
         #"normalize.phones.defaultRegion: expected a region libphonenumber knows (ISO 3166 code like "RU"), got "ZZ""#),
        (variant(#""phones": {"defaultRegion": "RU"}"#, #""phones": {"format": "pretty"}"#), #"normalize.phones.format: expected one of e164, international, national, got "pretty""#),
        (variant(#""customFields": {"10": "Budget"}"#, #""customFields": {"abc": "Budget"}"#), "normalize.customFields.abc: expected a custom field id"),
        (variant(#""customFields": {"10": "Budget"}"#, #""customFields": "some""#), #"normalize.customFields: expected "auto", "none" or an object"#),
        (variant("[100, 101]", #"["a"]"#), "filters.orderIds[0]: expected an integer, got a string"),
        (variant("[1, 2]", "[1, 1.5]"), "filters.statusIds[1]: expected an integer, got 1.5"),
        (variant("[1, 2]", "[9223372036854775808]"), "filters.statusIds[0]: expected an integer, got 9223372036854775808"),
        (variant(#""apiKeyEnv": "LINER_API_KEY""#, #""timeoutSeconds": 1e400"#), "source.timeoutSeconds: expected a number, got a number that does not fit"),
        (variant(#""bom": true"#, #""maxRowsPerFile": 2.5"#), "outputs[0].maxRowsPerFile: expected an integer, got 2.5"),
        (variant(#""version": 1"#, #""version": 1.5"#), "version: expected an integer, got 1.5"),
        (variant("[100, 101]", "[100, -1]"), "filters.orderIds[1]: expected a positive id, got -1"),
        (variant("[1, 2]", "[0]"), "filters.statusIds[0]: expected a positive id, got 0"),
        (variant(#""customFields": {"10": "Budget"}"#, #""customFields": {"0": "Budget"}"#),
         #"normalize.customFields.0: expected a custom field id (a positive integer) or "discover", got "0""#),
        (variant(#""bom": true"#, #""bom": "yes""#), "outputs[0].bom: expected true or false, got a string"),
        (variant(#""bom": true"#, #""bom": true, "$comment": 1"#), "outputs[0].$comment: expected a string, got a number"),
        (variant(#""customFields": {"10": "Budget"}"#, #""customFields": {"10": "Budget", "$comment": ["a"]}"#),
         "normalize.customFields.$comment: expected a string, got an array"),
        (variant(#""name": "nightly""#, #""name": "night/ly""#), #"name: expected letters, digits"#),
        (variant("]}", "]"), "not valid JSON at line 8, column 74: unexpected end of input"),
        (variant(#""name": "nightly","#, #""name": "nightly", "name": "daily","#), "name: the key appears twice"),
        (variant(#""bom": true"#, #""bom": true, "bom": false"#), "outputs[0].bom: the key appears twice"),
        (variant(#""columns": ["*"],"#, #""columns": ["*"], "rejects": {"path": "exports/{part}.rejects.csv"},"#),
         #"rejects.path: expected no {part}: the rejects file is never split, got "exports/{part}.rejects.csv""#),
        (variant(#""columns": ["*"],"#, #""columns": ["*"], "rejects": {"path": "exports/leads-{from}.csv"},"#),
         #"rejects: expected a path no output has, got "exports/leads-{from}.csv""#),
        (variant(#""columns": ["*"],"#, #""columns": ["*"], "rejects": {"path": "r.csv", "delimiter": ";;"},"#),
         "rejects.delimiter: expected one ASCII character"),
        (variant(#""columns": ["*"],"#, #""columns": ["*"], "rejects": {"file": "r.csv"},"#), "rejects.file: unknown key; expected one of path, delimiter"),
        (variant(#""outputs": [{"format": "csv", "path": "exports/leads-{from}.csv", "delimiter": ";", "bom": true},"#, #""outputs": ["#)
            .replacingOccurrences(of: #"{"format": "ndjson", "path": "exports/leads-{from}.ndjson"}"#, with: ""),
         "outputs: expected at least one output, got []"),
        (variant(#""columns": ["*"]"#, #""columns": ["*"], "manifest": {"path": "exports/{name}-{part}.json"}"#),
         "manifest.path: expected {name}, {from} or {to}; one manifest lists every part"),
        (variant(#""columns": ["*"]"#, #""columns": ["*"], "manifest": {"path": "exports/{date}.json"}"#),
         "manifest.path: expected placeholders {name}, {from}, {to} or {part}, got {date}"),
        (variant(#""columns": ["*"]"#, #""columns": ["*"], "manifest": {"path": "exports/"}"#), "manifest.path: expected a file path"),
        (variant(#""columns": ["*"]"#, #""columns": ["*"], "manifest": {"file": "m.json"}"#), "manifest.file: unknown key"),
        (variant(#""columns": ["*"]"#, #""columns": ["*"], "manifest": {"path": "exports/leads-{from}.csv"}"#),
         #"manifest: expected a path no output has, got "exports/leads-{from}.csv""#),
        (variant(#""columns": ["*"]"#, #""columns": ["*"], "changes": {"rescan": "30 days"}"#),
         #"changes: changes capture needs "window": {"stateFile": …}, where the last published leads are kept"#),
        (variant(#""to": "today", "timeZone": "Europe/Moscow"}"#, #""to": "today", "timeZone": "Europe/Moscow", "stateFile": "s.json"}, "changes": {"rescan": "a month"}"#),
         #"changes.rescan: expected a duration like "30 days" or "12h", got "a month""#),
        (variant(#""to": "today", "timeZone": "Europe/Moscow"}"#, #""to": "today", "timeZone": "Europe/Moscow", "stateFile": "s.json"}, "changes": {"rescan": "500 days"}"#),
         #"changes.rescan: expected from 1 hour to 400 days, got "500 days""#),
        (variant(#""to": "today", "timeZone": "Europe/Moscow"}"#, #""to": "today", "timeZone": "Europe/Moscow", "stateFile": "s.json"}, "changes": {"rescan": "30 days", "since": "x"}"#),
         "changes.since: unknown key; expected one of rescan"),
        (variant(#""path": "exports/leads-{from}.ndjson""#, #""path": "exports/leads-{from}.ndjson", "content": "changes""#),
         #"outputs[1].content: "changes" needs the pipeline's "changes": {"rescan": "30 days"}"#),
        (variant(#""path": "exports/leads-{from}.ndjson""#, #""path": "exports/leads-{from}.ndjson", "content": "diff""#),
         #"outputs[1].content: expected one of window, changes, snapshot, got "diff""#),
    ]

    @Test(arguments: badFiles)
    func badPipelineNamesTheKeyPath(document: String, message: String) throws {
        let error = #expect(throws: ExportError.self) {
            try PipelineLoader.decode(Data(document.utf8), origin: "x.json")
        }
        #expect(error?.message.hasPrefix("x.json: " + message) == true, "got: \(error?.message ?? "no error")")
        #expect(error?.exitCode == 2)
    }

    /// Cleartext only where it never leaves the machine, or where the pipeline says so.
    @Test(arguments: [
        ("http://127.0.0.1:8080", ""), ("http://localhost:8080", ""), ("http://[::1]:8080", ""),
        ("http://10.0.0.5", #", "allowInsecureHTTP": true"#), ("https://example.liner.host", ""),
    ])
    func cleartextIsAcceptedForLoopbackOrWhenAllowed(baseURL: String, extra: String) throws {
        let document = Self.variant(#""https://example.liner.host", "apiKeyEnv": "LINER_API_KEY""#, "\"\(baseURL)\", \"apiKeyEnv\": \"LINER_API_KEY\"\(extra)")
        let spec = try PipelineLoader.decode(Data(document.utf8), origin: "x.json")
        #expect(spec.source.baseURL == baseURL)
        #expect(spec.source.allowsInsecureHTTP == !extra.isEmpty)
    }

    @Test(arguments: ["lnr.9f2c-77ab-4c1d", "liner_api_key", "1LINER", "LINER API KEY", ""])
    func apiKeyEnvThatIsNoVariableNameIsNotRepeated(value: String) {
        let error = #expect(throws: ExportError.self) {
            try PipelineLoader.decode(Data(Self.variant(#""LINER_API_KEY""#, "\"\(value)\"").utf8), origin: "x.json")
        }
        let message = error?.message ?? ""
        #expect(message.hasPrefix("x.json: source.apiKeyEnv: ") && message.contains("[A-Z_][A-Z0-9_]*"), "\(message)")
        #expect(value.isEmpty || !message.contains(value), "\(message)")
        #expect(error?.exitCode == 2)
    }

    /// An unused region is not looked up: libphonenumber's first use is slow.
    @Test func unknownRegionIsAcceptedWhenPhonesAreOff() throws {
        let document = Self.variant(#""defaultRegion": "RU""#, #""defaultRegion": "ZZ", "enabled": false"#)
        #expect(try PipelineLoader.decode(Data(document.utf8), origin: "x.json").normalize.phones.defaultRegion == "ZZ")
    }

    @Test func windowWithFromAfterToIsRejectedWhenResolved() throws {
        let document = Self.variant(#""from": "yesterday", "to": "today""#, #""from": "2024-02-01", "to": "2024-01-01""#)
        let spec = try PipelineLoader.decode(Data(document.utf8), origin: "x.json")
        let error = #expect(throws: ExportError.self) { try ResolvedWindow(spec.window, now: Date()) }
        #expect(error?.message.hasPrefix(#"window: expected "from" before "to""#) == true)
    }

    /// `validate` prints a plan only when every output can be written where its path says.
    @Test func outputPathThatCannotBeWrittenIsRefusedNamingItsKeyPath() throws {
        try withTemporaryFolder { folder in
            try FileManager.default.createDirectory(atPath: folder + "/taken.csv", withIntermediateDirectories: false)
            try Data("x".utf8).write(to: URL(fileURLWithPath: folder + "/plain"))
            let cases = [
                (folder + "/taken.csv", #"outputs[0].path: "\#(folder)/taken.csv" is an existing folder; expected a file's path"#),
                (folder + "/plain/leads.csv", #"outputs[0].path: its folder "\#(folder)/plain" is a file"#),
                (folder + "/plain/sub/leads.csv", #"outputs[0].path: cannot create the folder "\#(folder)/plain/sub": "\#(folder)/plain" is a file"#),
            ]
            for (path, message) in cases {
                let spec = try PipelineLoader.decode(Data(Self.variant("exports/leads-{from}.csv", path).utf8), origin: "x.json")
                let error = #expect(throws: ExportError.self) { try PipelinePlan(spec: spec, environment: [:]) }
                #expect(error?.message == message)
                #expect(error?.exitCode == 2)
            }
            let fine = Self.variant("exports/leads-{from}.csv", folder + "/new/deeper/leads.csv")
            _ = try PipelinePlan(spec: PipelineLoader.decode(Data(fine.utf8), origin: "x.json"), environment: [:])
            #expect(!FileManager.default.fileExists(atPath: folder + "/new"), "the check creates nothing")
        }
    }

    @Test func relativeWindowResolvesInItsZone() throws {
        let spec = try PipelineLoader.decode(Data(Self.valid.utf8), origin: "x.json")
        // 2024-03-10 01:30 in Moscow is 2024-03-09T22:30Z.
        let window = try ResolvedWindow(spec.window, now: Date(timeIntervalSince1970: 1_710_023_400))
        let formatter = TimestampFormatter(timeZone: spec.window.timeZone)
        #expect(formatter.iso8601(window.from) == "2024-03-09T00:00:00+03:00")
        #expect(formatter.iso8601(window.to) == "2024-03-10T00:00:00+03:00")
        #expect(window.fileNameLabel(window.from) == "2024-03-09")
    }

    @Test func missingFileIsAClearError() {
        let error = #expect(throws: ExportError.self) { try PipelineLoader.load(path: "/nonexistent/pipeline.json") }
        #expect(error?.message.hasPrefix("/nonexistent/pipeline.json: cannot read the file") == true)
    }

    @Test func pipelineFileOver1MBIsRefusedBeforeParsing() throws {
        try withTemporaryFolder { folder in
            let path = folder + "/huge.json"
            // Nested arrays: what made the parser take gigabytes before refusing the file.
            try Data(repeating: UInt8(ascii: "["), count: 2 << 20).write(to: URL(fileURLWithPath: path))
            let error = #expect(throws: ExportError.self) { try PipelineLoader.load(path: path) }
            #expect(error?.message == "\(path): the pipeline file is 2097152 bytes; at most 1 MB (1048576 bytes) is read")
            #expect(error?.exitCode == 2)
        }
    }

    /// A device of unknown size (or a pipe) is read at most 1 MB + 1 byte: `/dev/zero` never ends.
    @Test func endlessPipelineFileIsReadOnlyUpToTheLimit() throws {
        let error = #expect(throws: ExportError.self) { try PipelineLoader.load(path: "/dev/zero") }
        #expect(error?.message == "/dev/zero: the pipeline file is over 1048576 bytes; at most 1 MB (1048576 bytes) is read")
    }

    @Test func pipelineFileJustUnder1MBIsParsed() throws {
        try withTemporaryFolder { folder in
            let path = folder + "/padded.json"
            var document = Self.valid
            document += String(repeating: " ", count: PipelineLoader.maxBytes - document.utf8.count)
            try Data(document.utf8).write(to: URL(fileURLWithPath: path))
            #expect(try PipelineLoader.load(path: path).name == "nightly")
        }
    }

    @Test func pipelineFolderIsAClearError() throws {
        try withTemporaryFolder { folder in
            let error = #expect(throws: ExportError.self) { try PipelineLoader.load(path: folder) }
            #expect(error?.message.hasPrefix("\(folder): cannot read the file") == true, "got: \(error?.message ?? "")")
        }
    }

    @Test(arguments: ["demo.json", "nightly.json", "nightly-changes.json", "dump-range.json"])
    func examplePipelinesAreValid(file: String) throws {
        let spec = try PipelineLoader.load(path: Self.pipelinesFolder + file)
        #expect(!spec.outputs.isEmpty)
    }

    @Test func builtInDemoIsPipelinesDemoJSON() throws {
        let onDisk = try PipelineLoader.load(path: Self.pipelinesFolder + "demo.json")
        #expect(onDisk == DemoPipeline.spec)
    }

    static let pipelinesFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("pipelines").path + "/"
}
