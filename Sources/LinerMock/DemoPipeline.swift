/// The pipeline `liner-export demo` runs when given none: the same text as `pipelines/demo.json`
/// (a test keeps the two equal), built in so that the demo runs from any folder.
public enum DemoPipeline {
    /// Leads the demo's fake server holds: more than the demo window, so the window bounds matter.
    public static let leadCount = 5_000

    public static let json = #"""
{
  "$schema": "./pipeline.schema.json",
  "version": 1,
  "name": "demo",
  "source": { "baseURL": "http://127.0.0.1:8080", "apiKeyEnv": "LINER_API_KEY" },
  "window": { "from": "2024-01-01", "to": "2024-01-03", "timeZone": "Europe/Moscow" },
  "normalize": {
    "phones": { "defaultRegion": "RU", "format": "e164", "invalid": "keep" },
    "dates": { "timeZone": "Europe/Moscow", "sourceTimeZone": "Europe/Moscow" },
    "customFields": { "10": "Бюджет, ₽" }
  },
  "columns": ["default", "phoneType", "createdAtClientTime", { "field": "statusTitle", "as": "Статус" }],
  "outputs": [
    { "format": "csv", "path": "exports/{name}-{from}-{to}.csv", "delimiter": ";", "bom": true },
    { "format": "ndjson", "path": "exports/{name}-{from}-{to}.ndjson" },
    { "format": "xlsx", "path": "exports/{name}-{from}-{to}.xlsx" },
    { "format": "xml", "flavor": "spreadsheet", "path": "exports/{name}-{from}-{to}.xml" },
    { "format": "xml", "path": "exports/{name}-{from}-{to}.records.xml" }
  ],
  "metrics": { "textfile": "exports/demo.prom" }
}

"""#
}
