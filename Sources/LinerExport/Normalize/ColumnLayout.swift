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
///
/// The same pipeline against the same account always gives the same columns in the same order,
/// so nightly files line up.
public struct ColumnLayout: Sendable {
    public let columns: [Column]
    /// Column index of each custom field id that has a column.
    let customColumnIndex: [Int: Int]

    /// - Parameters:
    ///   - selections: the pipeline's `columns`.
    ///   - customFields: custom field ids in column order (the account's list by `sort`, then ids only
    ///     the pipeline names).
    ///   - customNames: column titles of custom fields (the account's titles, overridden by the
    ///     pipeline's names); ids without one are called `custom.<id>`. Two custom fields with the
    ///     same title, or one titled like another column, get ` (custom.<id>)` appended.
    /// - Throws: `ExportError.badPipeline` when two columns the pipeline renamed would have the same title.
    public init(selections: [ColumnSelection], customFields: [CustomFieldID], customNames: [Int: String]) throws {
        var columns: [Column] = []
        var isRenamed: [Bool] = []
        var keys = Set<String>()
        func add(_ column: Column, renamed: Bool = false) {
            guard keys.insert(column.key).inserted else {
                // ["*", {"field": "phone", "as": "Телефон"}] renames phone where "*" put it.
                if renamed, let index = columns.firstIndex(where: { $0.key == column.key }) {
                    columns[index] = column
                    isRenamed[index] = true
                }
                return
            }
            columns.append(column)
            isRenamed.append(renamed)
        }
        func customColumn(_ id: CustomFieldID, title: String? = nil) -> Column {
            let named = customNames[id.value].flatMap { $0.isEmpty ? nil : $0 }
            return Column(key: id.columnKey, title: title ?? named ?? id.columnKey, source: .custom(id))
        }
        func addField(_ field: LeadField, title: String? = nil) {
            add(Column(key: field.name, title: title ?? field.name, source: .field(field)), renamed: title != nil)
        }
        for selection in selections {
            switch selection {
            case .all:
                LeadField.all.forEach { addField($0) }
                customFields.forEach { add(customColumn($0)) }
            case .defaults:
                LeadField.defaultNames.compactMap(LeadField.named).forEach { addField($0) }
                customFields.forEach { add(customColumn($0)) }
            case .allCustomFields:
                customFields.forEach { add(customColumn($0)) }
            case .field(let key, let title):
                if let field = LeadField.named(key) {
                    addField(field, title: title)
                } else if let id = CustomFieldID(columnKey: key) {
                    add(customColumn(id, title: title), renamed: title != nil)
                }
            }
        }
        columns = Self.disambiguatingCustomTitles(columns, isRenamed: isRenamed)
        var titles = Set<String>()
        for column in columns where !titles.insert(column.title).inserted {
            throw ExportError.badPipeline("columns: two columns are both called \"\(column.title)\"; rename one with \"as\"")
        }
        self.init(columns: columns)
    }

    /// `columns` as they are.
    private init(columns: [Column]) {
        self.columns = columns
        var customColumnIndex: [Int: Int] = [:]
        for (index, column) in columns.enumerated() {
            if case .custom(let id) = column.source { customColumnIndex[id.value] = index }
        }
        self.customColumnIndex = customColumnIndex
    }

    /// This layout with `columns` before its own (a change set's `changeType` and `changedFields`).
    func prefixed(with columns: [Column]) -> ColumnLayout {
        ColumnLayout(columns: columns + self.columns)
    }

    /// Whether `statusTitle` is one of the columns.
    var hasStatusTitle: Bool { columns.contains { $0.key == "statusTitle" } }

    /// Column titles in order, for headers.
    public var titles: [String] { columns.map(\.title) }

    /// Custom titles come from the account, where nothing keeps them unique; a clash must not stop a
    /// nightly run, so such a column gets its key appended. Titles the pipeline set with `as` are left
    /// alone (a clash between those is the pipeline's mistake, reported).
    private static func disambiguatingCustomTitles(_ columns: [Column], isRenamed: [Bool]) -> [Column] {
        var counts: [String: Int] = [:]
        for column in columns { counts[column.title, default: 0] += 1 }
        return zip(columns, isRenamed).map { column, renamed in
            guard !renamed, case .custom = column.source, counts[column.title, default: 0] > 1,
                column.title != column.key
            else { return column }
            return Column(key: column.key, title: "\(column.title) (\(column.key))", source: column.source)
        }
    }
}
