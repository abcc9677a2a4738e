import Foundation
import NIOCore
import NIOHTTP1

/// Turns a request head into a response: authentication, routing, rendering, faults.
///
/// Shared by every connection on every event loop; its mutable state (statistics, drift)
/// sits behind locks, and everything else is immutable.
final class MockRouter: Sendable {
    let configuration: MockServerConfiguration
    let dataset: MockDataset
    let drift: DriftLedger
    let churn: StatusChurnLedger
    let statistics = ObservedStatistics()
    /// The account at its current epoch; replaced whole by `advance(to:)`.
    let account: Locked<AccountEpoch>

    init(configuration: MockServerConfiguration) {
        self.configuration = configuration
        self.dataset = MockDataset(configuration.dataset)
        self.drift = DriftLedger(driftEvery: configuration.faults.driftEvery)
        self.churn = StatusChurnLedger(every: configuration.faults.statusChurnEvery, seed: configuration.faults.seed)
        self.account = Locked(AccountEpoch(dataset: dataset, epoch: configuration.epoch))
    }

    /// The response to `head`; a lead-list response counts as in flight until `delivered(_:)`.
    func respond(to head: HTTPRequestHead) -> MockResponse {
        statistics.withLock { $0.requestsServed += 1 }
        let target = head.uri
        let questionMark = target.firstIndex(of: "?")
        var path = questionMark.map { target[..<$0] } ?? Substring(target)
        let query = QueryParameters(query: questionMark.map { target[target.index(after: $0)...] } ?? "")
        while path.count > 1 && path.hasSuffix("/") {
            path = path.dropLast()
        }

        guard let key = head.headers.first(name: "X-Api-Key"), !key.isEmpty else {
            statistics.withLock { $0.unauthorizedRequests += 1 }
            return .failure(.unauthorized, message: "API key is missing: send it in the X-Api-Key header")
        }
        statistics.withLock { $0.requestsWithAPIKey += 1 }
        guard key == configuration.apiKey else {
            statistics.withLock { $0.unauthorizedRequests += 1 }
            return .failure(.unauthorized, message: "API key is invalid")
        }
        if path == MockRouter.advancePath {
            return advanceResponse(method: head.method, query: query)
        }
        guard head.method == .GET else {
            return .failure(.notFound, message: "Not found: \(head.method.rawValue) \(path)")
        }

        if configuration.missingPaths.contains(String(path)) {
            return .failure(.notFound, message: "Not found: \(path)")
        }
        switch path {
        case "/v2/lead":
            if let origin = configuration.leadListRedirectOrigin {
                return .redirect(to: origin + target)
            }
            statistics.withLock {
                $0.leadListRequestsInFlight += 1
                $0.peakLeadListRequestsInFlight = max($0.peakLeadListRequestsInFlight, $0.leadListRequestsInFlight)
            }
            var response = leadList(query, key: key)
            response.isLeadList = true
            return response
        case "/v2/lead-status", "/v2/lead-statuses":
            return referenceList(MockDataset.statuses) { $0.write(to: &$1) }
        case "/v2/custom-field", "/v2/custom-fields":
            let essence = query.last("essence").flatMap { $0.isEmpty ? nil : $0 }
            let fields = MockDataset.customFields.filter { essence == nil || $0.essence == essence }
            return referenceList(fields) { $0.write(to: &$1) }
        case "/v2/order", "/v2/orders":
            return orderList(query)
        default:
            if path.hasPrefix("/v2/lead/detail/"), let id = Int(path.dropFirst("/v2/lead/detail/".count)) {
                statistics.withLock { $0.leadDetailRequests += 1 }
                return leadDetail(id: id)
            }
            return .failure(.notFound, message: "Not found: \(path)")
        }
    }

    /// A 400 for a bad paging or filter parameter, counted.
    private struct BadRequestResponse: Error {
        let response: MockResponse
    }

    /// Offset, limit and filters of a paged request (leads and orders page alike).
    private func parseQuery(_ parameters: QueryParameters) -> Result<LeadListQuery, BadRequestResponse> {
        switch LeadListQuery.parse(parameters) {
        case .success(let parsed):
            return .success(parsed)
        case .failure(let bad):
            statistics.withLock { $0.badRequests += 1 }
            return .failure(BadRequestResponse(response: .failure(.badRequest, message: bad.message)))
        }
    }

    /// Called once `response` has gone out (or its connection is gone).
    func delivered(_ response: MockResponse) {
        if response.isLeadList { statistics.withLock { $0.leadListRequestsInFlight -= 1 } }
    }

    // MARK: Lead list

    /// - Parameter key: the request's `X-Api-Key`, quoted by error pages when `errorPagesEchoAPIKey` is set.
    private func leadList(_ parameters: QueryParameters, key: String) -> MockResponse {
        let query: LeadListQuery
        switch parseQuery(parameters) {
        case .success(let parsed): query = parsed
        case .failure(let badRequest): return badRequest.response
        }
        let number = statistics.withLock { statistics in
            statistics.leadListRequests += 1
            return statistics.leadListRequests
        }
        let epoch = account.withLock { $0 }
        var statuses = churn.advance(
            window: dataset.indexRange(fromSeconds: query.fromSeconds, toSeconds: query.toSeconds), dataset: dataset)
        // Churn happens "during the export", after the epoch: its statuses win.
        statuses.merge(epoch.statusOverrides) { churned, _ in churned }
        let base = BaseLeadSequence(
            dataset: dataset, fromSeconds: query.fromSeconds, toSeconds: query.toSeconds, filter: query.filter,
            statusOverrides: statuses, archived: epoch.archived)
        let (served, inserted) = drift.serve(query, base: base, dataset: dataset, epochLeads: epoch.createdLeads, epochLeadCount: epoch.createdLeadCount)

        let faults = configuration.faults
        let plan: FaultPlan = number <= faults.successFalseFirst ? .successFalse : FaultPlan.decide(number: number, faults: faults)
        statistics.withLock { statistics in
            if inserted { statistics.driftLeadsInserted += 1 }
            if let kind = plan.kind { statistics.faultsInjected[kind, default: 0] += 1 }
        }
        switch plan {
        case .none, .truncate:
            break
        case .reset:
            return .reset
        case .serverError(let status, let htmlBody):
            let status = HTTPResponseStatus(statusCode: status)
            let detail = configuration.errorPagesEchoAPIKey ? "X-Api-Key: \(key)" : nil
            return htmlBody
                ? .nginxErrorPage(status, detail: detail)
                : .failure(status, message: "Internal server error" + (detail.map { " (\($0))" } ?? ""))
        case .rateLimit(let retryAfter):
            let value: String
            switch retryAfter {
            case .seconds(let seconds): value = String(seconds)
            case .zero: value = "0"
            case .httpDate(let ahead):
                let now = Date().timeIntervalSince1970.rounded(.up)
                value = CivilTime.httpDate(unixSeconds: Int64(now) + Int64(ahead))
            }
            return .failure(.tooManyRequests, message: "Too many requests, slow down", extraHeaders: [("Retry-After", value)])
        case .successFalse:
            let message = number <= faults.successFalseFirst ? faults.successFalseMessage : "Temporary failure, try again later"
            return .failure(.ok, message: message)
        }

        let limit = faults.ignoredLimit > 0 ? faults.ignoredLimit : query.limit
        let entries = served.entries(offset: query.offset, limit: limit)
        var writer = JSONWriter(capacity: 4096 + entries.count * 1400)
        writeListEnvelopeStart(to: &writer)
        for entry in entries {
            writer.element()
            switch entry {
            case .base(let index):
                dataset.lead(at: index, statusId: statuses[index], revision: epoch.revisions[index]).write(to: &writer)
            case .drift(let lead): lead.makeLead(in: dataset, revision: epoch.revisions[lead.index]).write(to: &writer)
            }
        }
        writeListEnvelopeEnd(
            offset: query.offset, limit: limit, count: entries.count, total: served.count, quirks: faults, to: &writer)
        statistics.withLock { $0.leadsServed += entries.count }

        var response = MockResponse.json(.ok, body: writer.buffer)
        if plan == .truncate {
            response.delivery = .truncated
        } else if faults.dripMilliseconds > 0 {
            response.delivery = .dripped(.milliseconds(Int64(faults.dripMilliseconds)))
        } else if faults.paddingBytes > 0 {
            response.pad(afterDataOpening: faults.paddingBytes)
        }
        return response
    }

    private func writeListEnvelopeStart(to writer: inout JSONWriter) {
        writer.beginSuccessEnvelope()
        writer.beginObject()
        writer.key("list")
        writer.beginArray()
    }

    /// Closes the list and writes `next` and `total`. `next` is `offset + count` while more
    /// remain; on the last page it follows `MockFaults.lastPageNext`. `quirks` (lead lists only) may
    /// write `next` as a URL, leave `total` out or replace it (`MockFaults.nextAsURL`, …).
    private func writeListEnvelopeEnd(
        offset: Int, limit: Int, count: Int, total: Int, quirks: MockFaults? = nil, to writer: inout JSONWriter
    ) {
        writer.endArray()
        if offset + count < total {
            writer.key("next")
            if quirks?.nextAsURL == true {
                writer.string("/v2/lead/?offset=\(offset + count)&limit=\(limit)")
            } else {
                writer.int(offset + count)
            }
        } else {
            switch configuration.faults.lastPageNext {
            case .null:
                writer.key("next")
                writer.null()
            case .missing:
                break
            case .pastTotal:
                writer.key("next")
                let (pastEnd, overflow) = offset.addingReportingOverflow(limit)
                writer.int(overflow ? Int.max : max(pastEnd, total + 1))
            }
        }
        if quirks?.omitsTotal != true {
            writer.key("total")
            writer.int(quirks?.reportedTotal ?? total)
        }
        writer.endObject()
        writer.endObject()
    }

    // MARK: Other endpoints

    /// The lead `id` as the detail endpoint serves it now (the epoch's changes applied, status
    /// churn not); nil when archived or unknown.
    func currentLead(id: Int) -> MockLead? {
        let epoch = account.withLock { $0 }
        if id >= 1 && id <= dataset.leadCount {
            guard !epoch.isArchived(index: id - 1) else { return nil }
            return dataset.lead(at: id - 1, statusId: epoch.statusOverrides[id - 1], revision: epoch.revisions[id - 1])
        }
        if let created = epoch.createdLeads.first(where: { $0.id == id }) {
            return created.makeLead(in: dataset, revision: epoch.revisions[created.index])
        }
        return drift.leads.first { $0.id == id }?.makeLead(in: dataset)
    }

    private func leadDetail(id: Int) -> MockResponse {
        guard let lead = currentLead(id: id) else {
            return .failure(.notFound, message: "Lead \(id) not found")
        }
        var writer = JSONWriter(capacity: 2048)
        writer.beginSuccessEnvelope()
        lead.write(to: &writer)
        writer.endObject()
        return .json(.ok, body: writer.buffer)
    }

    private func orderList(_ parameters: QueryParameters) -> MockResponse {
        let query: LeadListQuery
        switch parseQuery(parameters) {
        case .success(let parsed): query = parsed
        case .failure(let badRequest): return badRequest.response
        }
        let orders = MockDataset.orders
        let page = orders.dropFirst(query.offset).prefix(query.limit)
        var writer = JSONWriter(capacity: 4096)
        writeListEnvelopeStart(to: &writer)
        for order in page {
            writer.element()
            order.write(to: &writer)
        }
        writeListEnvelopeEnd(offset: query.offset, limit: query.limit, count: page.count, total: orders.count, to: &writer)
        return .json(.ok, body: writer.buffer)
    }

    private func referenceList<Item>(_ items: [Item], write: (Item, inout JSONWriter) -> Void) -> MockResponse {
        var writer = JSONWriter(capacity: 4096)
        writer.beginSuccessEnvelope()
        writer.beginArray()
        for item in items {
            writer.element()
            write(item, &writer)
        }
        writer.endArray()
        writer.endObject()
        return .json(.ok, body: writer.buffer)
    }
}
