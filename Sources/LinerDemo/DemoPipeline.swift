import Foundation
import LinerExport

/// The pipeline `liner-export demo` runs when given none: the same pipeline as `pipelines/demo.json`
/// (a test decodes that file and compares), built in so that the demo runs from any folder.
public enum DemoPipeline {
    /// Leads the demo's fake server holds: more than the demo window, so the window bounds matter.
    public static let leadCount = 5_000

    /// `pipelines/demo.json` as a value. Its `source.baseURL` is a placeholder: `DemoRun` points it at
    /// the fake server it starts.
    public static let spec: PipelineSpec = {
        let moscow = TimeZone(identifier: "Europe/Moscow")!
        return PipelineSpec(
            name: "demo",
            source: SourceSpec(baseURL: "http://127.0.0.1:8080", apiKeyEnv: "LINER_API_KEY"),
            window: WindowSpec(
                from: .wallClock(year: 2024, month: 1, day: 1, hour: 0, minute: 0, second: 0),
                to: .wallClock(year: 2024, month: 1, day: 3, hour: 0, minute: 0, second: 0),
                timeZone: moscow),
            normalize: NormalizeSpec(
                phones: PhoneSpec(defaultRegion: "RU", format: .e164, invalid: .keep),
                dates: DateSpec(timeZone: moscow, sourceTimeZone: moscow),
                customFields: CustomFieldSpec(names: [10: "Бюджет, ₽"])),
            columns: [
                .defaults, .field("phoneType", title: nil), .field("createdAtClientTime", title: nil),
                .field("statusTitle", title: "Статус"),
            ],
            outputs: [
                OutputSpec(format: .csv, path: "exports/{name}-{from}-{to}.csv", delimiter: UInt8(ascii: ";"), bom: true),
                OutputSpec(format: .ndjson, path: "exports/{name}-{from}-{to}.ndjson"),
                OutputSpec(format: .xlsx, path: "exports/{name}-{from}-{to}.xlsx"),
                OutputSpec(format: .xml, path: "exports/{name}-{from}-{to}.xml", flavor: .spreadsheet),
                OutputSpec(format: .xml, path: "exports/{name}-{from}-{to}.records.xml"),
            ],
            metrics: MetricsSpec(textfile: "exports/demo.prom"),
            rejects: RejectsSpec(path: "exports/{name}-{from}-{to}.rejects.csv", delimiter: UInt8(ascii: ";")))
    }()
}
