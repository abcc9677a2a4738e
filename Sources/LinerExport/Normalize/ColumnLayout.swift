/// One output column: where its value comes from and what it is called.
public struct Column: Sendable, Equatable {
    public enum Source: Sendable, Equatable {
        case field(LeadField)
        case custom(CustomFieldID)
    }

    /// The field key (`phone`, `custom.10`).
    public let key: String
    /// The header written to files.
    public let title: String
    public let source: Source
}

/// The ordered columns of a run, resolved once from the pipeline's `columns` and the custom fields
/// known before the first lead arrives; every writer and every record follows it.
public struct ColumnLayout: Sendable {
    public let columns: [Column]
    /// Column index of each custom field id that has a column.
    let customColumnIndex: [Int: Int]

    /// - Parameters:
    ///   - selections: the pipeline's `columns`.
    ///   - customFields: custom field ids in column order (the account's list, then ids only the pipeline names).
    ///   - customNames: column names the pipeline gives custom fields.
    /// - Throws: `ExportError.badPipeline` when two columns would have the same title.
    public init(selections: [ColumnSelection], customFields: [CustomFieldID], customNames: [Int: String]) throws {
        var columns: [Column] = []
        var keys = Set<String>()
        func add(_ column: Column) {
            if keys.insert(column.key).inserted { columns.append(column) }
        }
        func customColumn(_ id: CustomFieldID, title: String? = nil) -> Column {
            Column(key: id.columnKey, title: title ?? customNames[id.value] ?? id.columnKey, source: .custom(id))
        }
        for selection in selections {
            switch selection {
            case .all:
                LeadField.all.forEach { add(Column(key: $0.name, title: $0.name, source: .field($0))) }
                customFields.forEach { add(customColumn($0)) }
            case .allCustomFields:
                customFields.forEach { add(customColumn($0)) }
            case .field(let key, let title):
                if let field = LeadField.named(key) {
                    add(Column(key: key, title: title ?? key, source: .field(field)))
                } else if let id = CustomFieldID(columnKey: key) {
                    add(customColumn(id, title: title))
                }
            }
        }
        var titles = Set<String>()
        for column in columns where !titles.insert(column.title).inserted {
            throw ExportError.badPipeline("columns: two columns are both called \"\(column.title)\"; rename one with \"as\"")
        }
        self.columns = columns
        var customColumnIndex: [Int: Int] = [:]
        for (index, column) in columns.enumerated() {
            if case .custom(let id) = column.source { customColumnIndex[id.value] = index }
        }
        self.customColumnIndex = customColumnIndex
    }

    /// Column titles in order, for headers.
    public var titles: [String] { columns.map(\.title) }
}
