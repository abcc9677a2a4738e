/// Which of the pipeline's columns `preview` shows: those `--columns` asks for, else a compact set.
enum PreviewColumns {
    /// Indices into `layout.columns`, in the order shown.
    /// - Parameter requested: keys or titles from `--columns` (`id`, `custom.10`, `Бюджет`); `all` is
    ///   every column. Nil: the compact default, the pipeline's columns of the default set and those
    ///   it names itself (a field in `columns`, a custom field in `columns` or `normalize.customFields`),
    ///   so `"*"` and discovered custom fields do not flood the terminal; every column when that leaves none.
    /// - Throws: `ExportError.badArguments` for a key no column has, listing the keys there are.
    static func select(_ requested: [String]?, layout: ColumnLayout, spec: PipelineSpec) throws -> [Int] {
        let columns = layout.columns
        guard let requested else {
            let named = Set(spec.columns.compactMap { if case .field(let key, _) = $0 { key } else { nil } })
                .union(spec.normalize.customFields.names.keys.map { "custom.\($0)" })
            let compact = columns.indices.filter { LeadField.defaultNames.contains(columns[$0].key) || named.contains(columns[$0].key) }
            return compact.isEmpty ? Array(columns.indices) : compact
        }
        if requested == ["all"] { return Array(columns.indices) }
        return try requested.map { wanted in
            guard let index = columns.firstIndex(where: { $0.key == wanted }) ?? columns.firstIndex(where: { $0.title == wanted }) else {
                throw ExportError.badArguments(
                    "--columns: no column \"\(wanted)\" in this pipeline; expected all or keys among "
                        + columns.map(\.key).joined(separator: ", "))
            }
            return index
        }
    }
}
