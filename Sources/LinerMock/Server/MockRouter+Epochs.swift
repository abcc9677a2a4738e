import NIOHTTP1

/// Moving the account's time on a running server: `POST /_mock/advance[?to=N]`.
extension MockRouter {
    /// The admin endpoint's path (any trailing slash is dropped before routing).
    static let advancePath: Substring = "/_mock/advance"

    /// Moves the account to epoch `target` and returns it.
    /// - Throws: `MockEpochError` when `target` is before the current epoch, or drift has inserted
    ///   leads (their ids would collide with the new epochs' leads).
    func advance(to target: Int) throws -> AccountEpoch {
        guard drift.leads.isEmpty else {
            throw MockEpochError("cannot advance: drift has inserted leads, whose ids the new epochs' leads would take")
        }
        var next = account.withLock { $0 }
        guard target >= next.epoch else { throw MockEpochError.backwards(from: next.epoch, to: target) }
        // The steps are computed outside the lock; a concurrent advance to the same or a later epoch wins.
        next.advance(to: target, in: dataset)
        return try account.withLock { current in
            guard target >= current.epoch else { throw MockEpochError.backwards(from: current.epoch, to: target) }
            if next.epoch > current.epoch { current = next }
            return current
        }
    }

    /// `POST /_mock/advance?to=N` moves to epoch N (`to` absent: one step); answers
    /// `{"success": true, "message": "", "data": {"epoch": N, "instant": "…Z"}}`, 409 when refused.
    func advanceResponse(method: HTTPMethod, query: QueryParameters) -> MockResponse {
        guard method == .POST else {
            return .failure(.methodNotAllowed, message: "Use POST \(Self.advancePath)?to=N")
        }
        let target: Int
        if let text = query.last("to") {
            guard let parsed = Int(text), parsed >= 0 else {
                return .failure(.badRequest, message: "to: expected a non-negative integer epoch, got \"\(text)\"")
            }
            target = parsed
        } else {
            target = account.withLock { $0.epoch } + 1
        }
        let epoch: AccountEpoch
        do {
            epoch = try advance(to: target)
        } catch {
            return .failure(.conflict, message: "\(error)")
        }
        var writer = JSONWriter(capacity: 256)
        writer.beginSuccessEnvelope()
        writer.beginObject()
        writer.key("epoch")
        writer.int(Int64(epoch.epoch))
        writer.key("instant")
        DateShape.isoZulu.write(unixSeconds: dataset.epochInstantSeconds(epoch.epoch), to: &writer)
        writer.endObject()
        writer.endObject()
        return .json(.ok, body: writer.buffer)
    }
}
