import Foundation
import LinerMock
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

@Suite("Reference endpoints, lead detail and routing")
struct ReferenceEndpointTests {
    private static func dataArray(_ response: RawResponse) throws -> [[String: Any]] {
        #expect(response.status == 200)
        #expect(response.header("Content-Type") == "application/json; charset=utf-8")
        let envelope = try response.object()
        #expect(envelope["success"] as? Bool == true)
        #expect(envelope["message"] as? String == "")
        return try #require(envelope["data"] as? [[String: Any]])
    }

    @Test("lead statuses, under both spellings, with and without the trailing slash", arguments: [
        "/v2/lead-status/", "/v2/lead-statuses/", "/v2/lead-status", "/v2/lead-statuses",
    ])
    func statuses(path: String) async throws {
        try await withServer { server in
            let statuses = try Self.dataArray(RawHTTPClient.get(port: server.port, target: path))
            #expect(statuses.compactMap { intValue($0["id"]) } == MockDataset.statuses.map(\.id))
            let titles = Set(statuses.compactMap { $0["title"] as? String })
            #expect(titles.isSuperset(of: ["Новый", "В работе", "Квалифицирован", "Отказ"]))
            #expect(Set(statuses.compactMap { $0["category"] as? String }) == ["in-progress", "qualified", "disqualified"])
            for status in statuses {
                for key in ["id", "code", "title", "category", "sort", "color", "isSystem"] {
                    #expect(status[key] != nil, "status lacks \(key)")
                }
            }
        }
    }

    @Test("custom fields, under both spellings: ids 10...17, every type", arguments: [
        "/v2/custom-field/?essence=leads", "/v2/custom-fields/", "/v2/custom-fields?essence=leads",
    ])
    func customFields(path: String) async throws {
        try await withServer { server in
            let fields = try Self.dataArray(RawHTTPClient.get(port: server.port, target: path))
            #expect(fields.compactMap { intValue($0["id"]) } == Array(10...17))
            #expect(Set(fields.compactMap { $0["type"] as? String }) == ["string", "int", "float", "date", "datetime", "bool", "select", "multiselect"])
            #expect(fields.first?["title"] as? String == "Бюджет")
            for field in fields {
                #expect(field["essence"] as? String == "leads")
                #expect(intValue(field["sort"]) != nil)
                let type = field["type"] as? String
                if type == "select" || type == "multiselect" {
                    let params = try #require(field["params"] as? [String: Any])
                    let options = try #require(params["options"] as? [[String: Any]])
                    #expect(!options.isEmpty)
                    for option in options {
                        #expect(option["code"] is String && option["title"] is String && intValue(option["sort"]) != nil)
                    }
                }
            }
            let orders = try Self.dataArray(RawHTTPClient.get(port: server.port, target: "/v2/custom-field/?essence=orders"))
            #expect(orders.isEmpty)
        }
    }

    @Test("orders are paginated like leads, and leads draw their orderId and statusId from the lists")
    func orders() async throws {
        try await withServer { server in
            let pages = try walkPages(port: server.port, path: "/v2/order/", query: "", limit: 5)
            #expect(pages.count == 3)
            #expect(pages.flatMap(\.ids) == Array(201...212))
            #expect(pages.allSatisfy { $0.total == 12 })
            for order in pages.flatMap(\.list) {
                #expect(order["code"] is String && order["title"] is String && order["serviceTitle"] is String)
            }
            let orderIds = Set(MockDataset.orders.map(\.id))
            let statusIds = Set(MockDataset.statuses.map(\.id))
            var usedOrders = Set<Int>()
            var usedStatuses = Set<Int>()
            for index in 0..<server.dataset.leadCount {
                let lead = server.dataset.lead(at: index)
                usedOrders.insert(lead.orderId)
                usedStatuses.insert(lead.statusId)
            }
            #expect(usedOrders == orderIds)
            #expect(usedStatuses == statusIds)
        }
    }

    @Test("lead detail serves the lead's json(); unknown ids and paths get a 404 envelope")
    func detailAndNotFound() async throws {
        try await withServer { server in
            for id in [1, 2, 777, 1_000] {
                let response = try RawHTTPClient.get(port: server.port, target: "/v2/lead/detail/\(id)/")
                #expect(response.status == 200)
                let body = String(decoding: response.body, as: UTF8.self)
                #expect(body == "{\"success\":true,\"message\":\"\",\"data\":" + server.dataset.lead(at: id - 1).json() + "}")
            }
            for path in ["/v2/lead/detail/0/", "/v2/lead/detail/1001", "/v2/lead/detail/abc/", "/v2/leads/", "/", "/v1/lead/"] {
                let response = try RawHTTPClient.get(port: server.port, target: path)
                #expect(response.status == 404, "\(path)")
                #expect(try response.object()["success"] as? Bool == false)
            }
        }
    }

    @Test("a stock client (URLSession, keep-alive) talks to the server")
    func urlSession() async throws {
        try await withServer { server in
            let session = URLSession(configuration: .ephemeral)
            defer { session.invalidateAndCancel() }
            for offset in [0, 50, 100] {
                var request = URLRequest(url: URL(string: "\(server.baseURL)/v2/lead/?offset=\(offset)&limit=50")!)
                request.setValue("mock-liner-key", forHTTPHeaderField: "X-Api-Key")
                let (data, response) = try await session.data(for: request)
                #expect((response as? HTTPURLResponse)?.statusCode == 200)
                let envelope = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
                let list = try #require((envelope["data"] as? [String: Any])?["list"] as? [[String: Any]])
                #expect(list.compactMap { intValue($0["id"]) } == Array((offset + 1)...(offset + 50)))
            }
            #expect(server.baseURL == "http://127.0.0.1:\(server.port)")
        }
    }
}
