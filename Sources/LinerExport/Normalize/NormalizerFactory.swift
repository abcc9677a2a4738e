import Logging

/// Builds a run's `LeadNormalizer`: fetches what normalization needs from the account (the custom
/// field list) once, resolves the columns, and sets up phones and dates from the pipeline.
struct NormalizerFactory {
    let spec: PipelineSpec
    let logger: Logger

    /// - Throws: `ExportError` when the token is refused, or the columns conflict.
    func makeNormalizer(client: LinerClient) async throws -> LeadNormalizer {
        let customFields = try await discoverCustomFields(client)
        let customIDs = Self.customColumnOrder(discovered: customFields, named: spec.normalize.customFields.names)
        let layout = try ColumnLayout(
            selections: spec.columns, customFields: customIDs, customNames: spec.normalize.customFields.names)
        let dates = spec.normalize.dates
        let phones = spec.normalize.phones
        return LeadNormalizer(
            layout: layout, knownCustomFields: Set(customIDs.map(\.value)),
            phones: phones.enabled ? PhoneNormalizer(defaultRegion: phones.defaultRegion, format: phones.format) : nil,
            parser: TimestampParser(sourceTimeZone: dates.sourceTimeZone),
            formatter: TimestampFormatter(timeZone: dates.timeZone ?? spec.window.timeZone))
    }

    private func discoverCustomFields(_ client: LinerClient) async throws -> [CustomFieldDefinition] {
        guard spec.normalize.customFields.discoversFields else { return [] }
        do {
            return try await client.leadCustomFields()
        } catch let error as ExportError where error.exitCode != 3 {
            logger.warning("custom field list unavailable; only the pipeline's customFields get columns", metadata: [
                "reason": "\(error.message)",
            ])
            return []
        }
    }

    /// The account's fields in their order, then ids only the pipeline names, by id.
    static func customColumnOrder(discovered: [CustomFieldDefinition], named: [Int: String]) -> [CustomFieldID] {
        let discoveredIDs = discovered.map { CustomFieldID($0.id) }
        let known = Set(discovered.map(\.id))
        return discoveredIDs + named.keys.filter { !known.contains($0) }.sorted().map(CustomFieldID.init)
    }
}
