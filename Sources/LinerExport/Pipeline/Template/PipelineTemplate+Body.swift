extension PipelineTemplate {
    /// The template's JSON, `"BASE_URL"` standing for the account's address.
    var body: String {
        switch self {
        case .nightly: return Self.nightlyBody
        case .dump: return Self.dumpBody
        case .changes: return Self.changesBody
        }
    }

    /// The same pipeline as `pipelines/nightly-changes.json` (a test checks it), with comments.
    private static let changesBody = #"""
        {
          "$comment": "liner-export pipeline (liner-export init --template changes): every night, the leads created since the last run, and every lead of the last 30 days that was created, updated or archived since. Check it with: liner-export validate <this file>; run --dry-run tells how many requests the rescan takes. Every key is in docs/pipeline-reference.md; \"$comment\" keys are notes, allowed in every object, and ignored.",
          "version": 1,
          "name": "nightly-changes",
          \#(sourceSection)
          "window": {
            "$comment": "Each run starts where the last successful one ended (the first run: yesterday). The state file remembers it, lets a stopped run resume, and keeps the tracked leads beside it (about 24 bytes of memory a lead, their last published values on disk).",
            "since": "last-success",
            "from": "yesterday",
            "to": "today",
            "timeZone": "Europe/Moscow",
            "chunk": "auto",
            "stateFile": "state/nightly-changes.state.json"
          },
          "changes": {
            "$comment": "Every run also reads again every lead created in the last 30 days and compares it with what the last successful run published. The longer the rescan, the more requests each night: run --dry-run shows them.",
            "rescan": "30 days"
          },
          \#(normalizeSection)
          "columns": ["*"],
          "outputs": [
            {
              "$comment": "The window's new leads, as the nightly pipeline writes them. Semicolons and a BOM: Excel opens it with Cyrillic intact.",
              "format": "csv",
              "path": "exports/nightly-changes/leads-{to}.csv",
              "delimiter": ";",
              "bom": true
            },
            {
              "$comment": "The change set: one row per lead created, updated or archived since the last run, with changeType and changedFields first.",
              "format": "csv",
              "path": "exports/nightly-changes/changes-{to}.csv",
              "delimiter": ";",
              "bom": true,
              "content": "changes"
            },
            { "format": "ndjson", "path": "exports/nightly-changes/changes-{to}.ndjson", "content": "changes" },
            {
              "$comment": "The last 30 days as they are now, replaced every night.",
              "format": "xlsx",
              "path": "exports/nightly-changes/last-30-days.xlsx",
              "content": "snapshot"
            }
          ],
          "manifest": {
            "$comment": "Each night's files with their SHA-256, paths relative to the manifest: sha256sum -c from its folder.",
            "path": "exports/nightly-changes/{name}-{to}.manifest.json"
          },
          "metrics": {
            "$comment": "A Prometheus textfile for node_exporter, replaced after every run, with the change counts (liner_export_last_run_changes). Remove this section if you do not monitor the runs.",
            "textfile": "metrics/liner-export-nightly-changes.prom"
          }
        }

        """#

    /// The same pipeline as `pipelines/nightly.json` (a test checks it), with comments.
    private static let nightlyBody = #"""
        {
          "$comment": "liner-export pipeline (liner-export init --template nightly). Check it with: liner-export validate <this file>. Every key is in docs/pipeline-reference.md; \"$comment\" keys are notes, allowed in every object, and ignored.",
          "version": 1,
          "name": "nightly",
          \#(sourceSection)
          "window": {
            "$comment": "Yesterday's leads by creation time, [from, to), days cut in timeZone. The state file lets a run that was stopped resume where it was; its .lock and .spool/ sit beside it.",
            "from": "yesterday",
            "to": "today",
            "timeZone": "Europe/Moscow",
            "stateFile": "state/nightly.state.json"
          },
          "filters": {
            "$comment": "Empty lists: every order and status. Put ids in to keep only those.",
            "orderIds": [],
            "statusIds": []
          },
          \#(normalizeSection)
          "columns": ["*"],
          "outputs": [
            {
              "$comment": "Semicolons and a BOM: Excel opens it with Cyrillic intact. {from} is the window's first day. Files appear only when the whole run succeeds.",
              "format": "csv",
              "path": "exports/nightly/leads-{from}.csv",
              "delimiter": ";",
              "bom": true
            },
            { "format": "ndjson", "path": "exports/nightly/leads-{from}.ndjson" }
          ],
          "manifest": {
            "$comment": "Each night's files with their SHA-256, paths relative to the manifest: sha256sum -c from its folder.",
            "path": "exports/nightly/{name}-{from}.manifest.json"
          },
          "metrics": {
            "$comment": "A Prometheus textfile for node_exporter, replaced after every run; alert on liner_export_last_success_timestamp_seconds. Remove this section if you do not monitor the runs.",
            "textfile": "metrics/liner-export-nightly.prom"
          }
        }

        """#

    private static let dumpBody = #"""
        {
          "$comment": "liner-export pipeline (liner-export init --template dump): every lead created in a fixed range, once. Check it with: liner-export validate <this file>; run --dry-run tells how many leads and requests it would take. Every key is in docs/pipeline-reference.md; \"$comment\" keys are notes, allowed in every object, and ignored.",
          "version": 1,
          "name": "dump",
          \#(sourceSection)
          "window": {
            "$comment": "Set from and to: leads created in [from, to), dates read in timeZone. The range is fetched a week at a time, each week saved in the state file's spool, so a run that was stopped resumes where it was.",
            "from": "2024-01-01",
            "to": "2024-04-01",
            "timeZone": "Europe/Moscow",
            "chunk": "week",
            "stateFile": "state/dump.state.json"
          },
          \#(normalizeSection)
          "columns": ["default"],
          "outputs": [
            {
              "$comment": "Semicolons and a BOM: Excel opens it with Cyrillic intact. Files appear only when the whole run succeeds.",
              "format": "csv",
              "path": "exports/{name}/leads-{from}-{to}.csv",
              "delimiter": ";",
              "bom": true
            },
            {
              "$comment": "Typed cells (numbers, dates) and a second sheet describing the export.",
              "format": "xlsx",
              "path": "exports/{name}/leads-{from}-{to}.xlsx"
            }
          ]
        }

        """#

    /// The `source` section every template has (its lines after the first indented as at the top level).
    private static let sourceSection = #"""
        "source": {
            "$comment": "Your Liner account's address (/v2/lead/ is appended). The token never goes in this file: it is read from the environment variable apiKeyEnv names, or from a file named by \"apiKeyFile\".",
            "baseURL": "BASE_URL",
            "apiKeyEnv": "LINER_API_KEY"
          },
        """#

    /// The `normalize` section every template has.
    private static let normalizeSection = #"""
        "normalize": {
            "$comment": "Phones become E.164 (numbers without a country code are read in defaultRegion); dates are written in ISO 8601 in timeZone; every custom field of the account gets a column.",
            "phones": { "defaultRegion": "RU", "format": "e164" },
            "dates": { "timeZone": "Europe/Moscow", "sourceTimeZone": "Europe/Moscow" },
            "customFields": "auto"
          },
        """#
}
