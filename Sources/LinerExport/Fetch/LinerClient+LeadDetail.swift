import LinerJSON

extension LinerClient {
    /// One lead by id (`GET /v2/lead/detail/{id}/`), or nil when the server answers 404: the lead is
    /// archived (Liner's DELETE archives a lead; the list no longer serves it).
    /// - Throws: `ExportError.badResponse` when the answer is not a lead object with that id.
    func leadDetail(id: Int64) async throws -> JSONObject? {
        let path = "/v2/lead/detail/\(id)/"
        guard let data = try await getUnlessNotFound(path) else { return nil }
        guard case .object(let lead) = data, lead["id"]?.int64Value == id else {
            throw ExportError.badResponse("the Liner API answered \(baseURL)\(path) with something other than lead \(id)")
        }
        return lead
    }

    /// The detail of each id, in order, `concurrency` requests at a time (nil for the archived).
    func leadDetails(ids: [Int64], concurrency: Int) async throws -> [JSONObject?] {
        try await ids.concurrentMap(concurrency: concurrency) { try await leadDetail(id: $0) }.map { $0 ?? nil }
    }
}
