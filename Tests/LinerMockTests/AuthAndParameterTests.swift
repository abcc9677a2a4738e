import Foundation
import LinerMock
import Testing

@Suite("Authentication and query parameters")
struct AuthAndParameterTests {
    @Test("a missing or wrong X-Api-Key gets 401 with an envelope saying so", arguments: [
        "/v2/lead/", "/v2/lead-status/", "/v2/custom-field/?essence=leads", "/v2/order/", "/v2/lead/detail/1/", "/nowhere",
    ])
    func unauthorized(path: String) async throws {
        try await withServer { server in
            let missing = try RawHTTPClient.get(port: server.port, target: path, apiKey: nil)
            #expect(missing.status == 401)
            let missingEnvelope = try missing.object()
            #expect(missingEnvelope["success"] as? Bool == false)
            #expect((missingEnvelope["message"] as? String)?.contains("missing") == true)
            #expect(missingEnvelope["data"] is NSNull)

            let wrong = try RawHTTPClient.get(port: server.port, target: path, apiKey: "not-the-key")
            #expect(wrong.status == 401)
            #expect((try wrong.object()["message"] as? String)?.contains("invalid") == true)
            #expect(wrong.header("Content-Type") == "application/json; charset=utf-8")
            #expect(server.statistics().unauthorizedRequests == 2)
            #expect(server.statistics().leadListRequests == 0)
        }
    }

    @Test("a bad parameter gets 400 naming it", arguments: [
        ("offset=-1", "offset"),
        ("offset=abc", "offset"),
        ("offset=", "offset"),
        ("limit=0", "limit"),
        ("limit=ten", "limit"),
        ("createdAt[0]=yesterday", "createdAt[0]"),
        ("createdAt%5B1%5D=2024-13-01T00:00:00Z", "createdAt[1]"),
        ("createdAt[0]=2024-01-01T00:00:00", "createdAt[0]"),  // no zone
        ("createdAt[1]=2024-01-01T03:00:00+03:00", "createdAt[1]"),  // raw + decodes to a space
        ("createdAt[0]=2024-02-30T00:00:00Z", "createdAt[0]"),
        ("orderIds[]=abc", "orderIds[]"),
        ("statusIds[0]=1.5", "statusIds[0]"),
        ("orderIds%5B%5D=x", "orderIds[]"),
    ])
    func badParameter(query: String, parameter: String) async throws {
        try await withServer { server in
            let response = try RawHTTPClient.get(port: server.port, target: "/v2/lead/?\(query)")
            #expect(response.status == 400)
            let envelope = try response.object()
            #expect(envelope["success"] as? Bool == false)
            let message = envelope["message"] as? String ?? ""
            #expect(message.contains("\"\(parameter)\""), "message \(message) should name \(parameter)")
            #expect(server.statistics().badRequests == 1)
        }
    }

    @Test("limit defaults to 50 and is clamped to 100")
    func limits() async throws {
        try await withServer { server in
            let byDefault = try Page(RawHTTPClient.get(port: server.port, target: "/v2/lead/"))
            #expect(byDefault.ids == Array(1...50))
            #expect(intValue(byDefault.next) == 50)
            let clamped = try Page(RawHTTPClient.get(port: server.port, target: "/v2/lead/?limit=1000&offset=10"))
            #expect(clamped.ids == Array(11...110))
            #expect(intValue(clamped.next) == 110)
            #expect(clamped.total == 1_000)
        }
    }

    @Test("orderIds and statusIds work in every bracket form, raw or percent-encoded")
    func bracketForms() async throws {
        try await withServer { server in
            let expected = server.dataset.expectedLeadIDs(createdFrom: nil, createdTo: nil, orderIds: [201, 205], statusIds: [10, 14])
            #expect(!expected.isEmpty)
            let forms = [
                "orderIds[]=201&orderIds[]=205&statusIds[]=10&statusIds[]=14",
                "orderIds[0]=201&orderIds[1]=205&statusIds[0]=10&statusIds[1]=14",
                "orderIds%5B%5D=201&orderIds%5B%5D=205&statusIds%5B%5D=10&statusIds%5B%5D=14",
                "orderIds%5b0%5d=201&orderIds%5b1%5d=205&statusIds%5B0%5D=10&statusIds%5B1%5D=14",
                "statusIds[]=14&orderIds[1]=205&statusIds[]=10&orderIds[0]=201&orderIds[]=201",
            ]
            for form in forms {
                let ids = try walkPages(port: server.port, query: form, limit: 100).flatMap(\.ids)
                #expect(ids == expected, "form \(form)")
            }
        }
    }

    @Test("createdAt bounds accept an offset (with + encoded), fractional seconds and the brackets encoded")
    func createdAtForms() async throws {
        try await withServer { server in
            // Lead i is created at 2024-01-01T00:00Z + i minutes.
            let forms = [
                "createdAt[0]=2024-01-01T00:10:00Z&createdAt[1]=2024-01-01T00:20:00Z",
                "createdAt%5B0%5D=2024-01-01T03:10:00%2B03:00&createdAt%5B1%5D=2023-12-31T19:20:00-05:00",
                "createdAt[0]=2024-01-01T00:09:00.001Z&createdAt[1]=2024-01-01T00:20:59.999Z",
                "createdAt[]=2024-01-01T00:10:00Z&createdAt[]=2024-01-01T00:20:00Z",
                "createdAt[0]=2024-01-01T03:10%2B0300&createdAt[1]=2024-01-01t00:20:00z",
            ]
            for form in forms {
                let page = try Page(RawHTTPClient.get(port: server.port, target: "/v2/lead/?\(form)&limit=100"))
                #expect(page.ids == Array(11...21), "form \(form)")
                #expect(page.total == 11)
            }
        }
    }
}
