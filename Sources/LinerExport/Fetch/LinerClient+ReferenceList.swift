import LinerJSON

extension LinerClient {
    /// GETs an unpaginated reference list, trying each spelling of its path in turn (Liner's docs
    /// and samples disagree: `/v2/lead-status/` and `/v2/lead-statuses/`), and returns its items.
    /// The data may be a bare list or `{"list": [...]}`.
    /// - Throws: the last spelling's `ExportError` when none answers.
    func referenceList(paths: [String], query: [(String, String)] = []) async throws -> [JSONObject] {
        var lastError: Error?
        for path in paths {
            do {
                return Self.items(of: try await get(path, query: query))
            } catch let error as ExportError where error.kind == "bad_response" {
                lastError = error
            }
        }
        throw lastError ?? ExportError.badResponse("no path to try")
    }

    /// The objects of a list's `data`: a bare array, or the `list` member of an object.
    static func items(of data: JSONValue) -> [JSONObject] {
        let values: [JSONValue]
        switch data {
        case .array(let list): values = list
        case .object(let object): if case .array(let list)? = object["list"] { values = list } else { values = [] }
        default: values = []
        }
        return values.compactMap { value in
            if case .object(let object) = value { return object }
            return nil
        }
    }
}
