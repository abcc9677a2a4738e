import Logging

/// Builds a run's `LeadNormalizer`: fetches what normalization needs from the account once (the
/// custom field list, and the status and order lists when a column uses them), resolves the
/// columns, and sets up phones and dates from the pipeline.
struct NormalizerFactory {
    let spec: PipelineSpec
    let logger: Logger

    /// - Throws: `ExportError` when the token is refused, or the columns conflict. A reference list
    ///   that cannot be fetched otherwise only costs its columns (logged as a warning).
    func makeNormalizer(client: LinerClient) async throws -> LeadNormalizer {
        let phones = spec.normalize.phones
        let phoneNormalizer = phones.enabled ? PhoneNormalizer(defaultRegion: phones.defaultRegion, format: phones.format) : nil
        // libphonenumber's set-up overlaps the round trips below instead of delaying the first page.
        async let libraryLoaded: Void? = phoneNormalizer?.loadLibrary()
        // The three lists are asked for at the same time: on a slow API each is a round trip.
        let needs = Self.referenceFields(spec.columns)
        async let pendingCustomFields = fetchOrWarn("custom field list", columns: "only the pipeline's customFields get columns") {
            spec.normalize.customFields.discoversFields ? try await client.leadCustomFields() : []
        }
        async let pendingStatuses = needs.isDisjoint(with: [.statusTitle, .statusCategory])
            ? nil
            : fetchOrWarn("lead status list", columns: "statusTitle and statusCategory stay empty") { try await client.leadStatuses() }
        async let pendingOrders = needs.contains(.orderTitle)
            ? fetchOrWarn("order list", columns: "orderTitle stays empty") { try await client.orders() } : nil
        let customFields = try await pendingCustomFields ?? []
        let names = spec.normalize.customFields.names
        let customIDs = Self.customColumnOrder(discovered: customFields, named: names)
        let layout = try ColumnLayout(
            selections: spec.columns, customFields: customIDs, customNames: Self.customTitles(customFields, named: names))
        let statuses = try await pendingStatuses
        let orders = try await pendingOrders
        let dates = spec.normalize.dates
        _ = await libraryLoaded
        return LeadNormalizer(
            layout: layout, knownCustomFields: Set(customIDs.map(\.value)),
            phones: phoneNormalizer,
            parser: TimestampParser(sourceTimeZone: dates.sourceTimeZone),
            formatter: TimestampFormatter(timeZone: dates.timeZone ?? spec.window.timeZone),
            references: ReferenceData(customFields: customFields, statuses: statuses, orders: orders),
            invalidPhones: phones.invalid, skipsSecondaryLeads: spec.filters.primaryOnly)
    }

    /// The reference lists the columns need; custom fields never need one, so the layout without them tells.
    static func referenceFields(_ selections: [ColumnSelection]) -> Set<LeadField.ReferenceField> {
        let layout = try? ColumnLayout(selections: selections, customFields: [], customNames: [:])
        return Set((layout?.columns ?? []).compactMap { column -> LeadField.ReferenceField? in
            if case .field(let field) = column.source, case .reference(let reference) = field.kind { return reference }
            return nil
        })
    }

    /// Runs one reference fetch; a refused token still fails the run (exit 3), anything else is a
    /// warning and nil, because an export without titles beats no export on a nightly schedule.
    private func fetchOrWarn<T>(_ what: String, columns: String, _ fetch: () async throws -> T) async throws -> T? {
        do {
            return try await fetch()
        } catch let error as ExportError where error.exitCode != 3 {
            logger.warning("\(what) unavailable; \(columns)", metadata: ["reason": "\(error.message)"])
            return nil
        }
    }

    /// The account's fields in their order, then ids only the pipeline names, by id.
    static func customColumnOrder(discovered: [CustomFieldDefinition], named: [Int: String]) -> [CustomFieldID] {
        let discoveredIDs = discovered.map { CustomFieldID($0.id) }
        let known = Set(discovered.map(\.id))
        return discoveredIDs + named.keys.filter { !known.contains($0) }.sorted().map(CustomFieldID.init)
    }

    /// Column titles: the account's field titles, overridden by the names the pipeline gives.
    static func customTitles(_ discovered: [CustomFieldDefinition], named: [Int: String]) -> [Int: String] {
        var titles: [Int: String] = [:]
        for field in discovered where !field.title.isEmpty { titles[field.id] = field.title }
        return titles.merging(named) { _, pipelineName in pipelineName }
    }
}
