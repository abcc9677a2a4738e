import Foundation
import LinerMock
import Testing

@Suite("Synthetic leads")
struct LeadRenderingTests {
    /// Every field of the seed doc's example lead.
    static let documentedFields = [
        "id", "name", "phone", "sourceComment", "ip", "externalIdBitrix24", "externalIdAmo", "externalIdMacro",
        "externalIdDomoplaner", "statusId", "leadType", "createMethod", "isSecondary", "previousLeadId", "nextLeadId",
        "planningCallDateTime", "priority", "utcOffset", "createdAt", "updatedAt", "orderId", "orderCode", "vkId",
        "instagramLogin", "telegramUserName", "telegramPhone", "customValues",
    ]

    private static func object(_ lead: MockLead) throws -> [String: Any] {
        let json = lead.json()
        guard let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else {
            throw RawHTTPError("lead \(lead.id) is not an object")
        }
        return object
    }

    @Test("every lead's json() parses, carries every documented field and denotes its true values", arguments: [UInt64(1), 42])
    func everyLeadParses(seed: UInt64) throws {
        var dataset = MockDatasetConfiguration()
        dataset.leadCount = 12_000
        dataset.seed = seed
        let leads = MockDataset(dataset)
        var createdShapes: [TestDates.Shape: Int] = [:]
        var updatedShapes: [TestDates.Shape: Int] = [:]
        let statusIds = Set(MockDataset.statuses.map(\.id))
        let orders = Dictionary(uniqueKeysWithValues: MockDataset.orders.map { ($0.id, $0.code) })
        for index in 0..<leads.leadCount {
            let lead = leads.lead(at: index)
            let object = try Self.object(lead)
            for field in Self.documentedFields where !object.keys.contains(field) {
                Issue.record("lead \(lead.id) lacks \(field)")
            }
            #expect(lead.id == index + 1)
            #expect(intValue(object["id"]) == lead.id)
            #expect(object["name"] as? String == lead.name)
            #expect((object["phone"] as? String) == lead.rawPhone && (lead.rawPhone != nil || object["phone"] is NSNull))
            #expect((object["telegramPhone"] as? String) == lead.rawTelegramPhone)
            #expect((object["sourceComment"] as? String) == lead.sourceComment)
            #expect(intValue(object["statusId"]) == lead.statusId && statusIds.contains(lead.statusId))
            #expect(intValue(object["orderId"]) == lead.orderId)
            #expect(object["orderCode"] as? String == orders[lead.orderId])

            guard let created = TestDates.decode(object["createdAt"]), let updated = TestDates.decode(object["updatedAt"]) else {
                Issue.record("lead \(lead.id): undecodable dates \(String(describing: object["createdAt"])) / \(String(describing: object["updatedAt"]))")
                continue
            }
            #expect(created.date == lead.createdAt, "lead \(lead.id) createdAt \(String(describing: object["createdAt"]))")
            #expect(updated.date == lead.updatedAt, "lead \(lead.id) updatedAt \(String(describing: object["updatedAt"]))")
            #expect(lead.updatedAt >= lead.createdAt)
            createdShapes[created.shape, default: 0] += 1
            updatedShapes[updated.shape, default: 0] += 1

            if lead.isSecondary == true {
                #expect(lead.previousLeadId.map { $0 >= 1 && $0 < lead.id } == true)
            } else {
                #expect(lead.previousLeadId == nil)
            }
            #expect(intValue(object["previousLeadId"]) == lead.previousLeadId)
            #expect(intValue(object["nextLeadId"]) == lead.nextLeadId)
        }
        // Stable rates: per mille weights 300/150/100/150/80/70/70/80 of 12,000 leads.
        let expectedPerMille: [TestDates.Shape: Int] = [
            .isoZulu: 300, .isoOffset: 150, .isoMilliseconds: 100, .moscowSQL: 150, .unixSeconds: 80,
            .unixSecondsString: 70, .unixMilliseconds: 70, .moscowDotted: 80,
        ]
        for (shape, perMille) in expectedPerMille {
            let expected = Double(perMille) * 12
            #expect(abs(Double(createdShapes[shape] ?? 0) - expected) < 5 * expected.squareRoot() + 10, "createdAt \(shape): \(createdShapes)")
            #expect(abs(Double(updatedShapes[shape] ?? 0) - expected) < 5 * expected.squareRoot() + 10, "updatedAt \(shape): \(updatedShapes)")
        }
    }

    @Test("the texts carry every awkward character class")
    func awkwardTexts() throws {
        let leads = MockDataset(MockDatasetConfiguration(leadCount: 10_000))
        var names: [String] = []
        var comments: [String] = []
        for index in 0..<leads.leadCount {
            let lead = leads.lead(at: index)
            names.append(lead.name)
            if let comment = lead.sourceComment { comments.append(comment) }
        }
        let texts = names + comments
        let probes: [(String, (String) -> Bool)] = [
            ("Cyrillic", { $0.unicodeScalars.contains { (0x0400...0x04FF).contains($0.value) } }),
            ("double quote", { $0.contains("\"") }),
            ("comma", { $0.contains(",") }),
            ("semicolon", { $0.contains(";") }),
            ("LF only", { $0.contains("\n") && !$0.contains("\r") }),
            ("CRLF", { $0.unicodeScalars.contains("\r") }),
            ("tab", { $0.contains("\t") }),
            ("U+0001", { $0.unicodeScalars.contains("\u{01}") }),
            ("U+000B", { $0.unicodeScalars.contains("\u{0B}") }),
            ("U+001F", { $0.unicodeScalars.contains("\u{1F}") }),
            ("emoji ZWJ", { $0.unicodeScalars.contains("\u{200D}") }),
            ("backslash", { $0.contains("\\") }),
            ("starts with =", { $0.hasPrefix("=") }),
            ("starts with +", { $0.hasPrefix("+") }),
            ("starts with -", { $0.hasPrefix("-") }),
            ("starts with @", { $0.hasPrefix("@") }),
            ("empty", { $0.isEmpty }),
        ]
        for (label, probe) in probes {
            #expect(names.contains(where: probe), "no name with \(label)")
            #expect(texts.filter(probe).count >= 10, "too few texts with \(label)")
        }
        #expect(names.contains("=HYPERLINK(\"http://example.com/\",\"Иван\")") || names.contains { $0.hasPrefix("=HYPERLINK(") })
        #expect(names.contains { $0.hasPrefix("+7 звонить") })
        #expect(names.contains("-"))
        // Some comments are JSON text.
        let jsonComments = comments.filter { ($0.hasPrefix("{") || $0.hasPrefix("[")) && (try? JSONSerialization.jsonObject(with: Data($0.utf8))) != nil }
        #expect(jsonComments.count > 1_000)
        // One lead in 5,000 has a comment over 100 KB: seed 1 puts them at indices 1 and 5,001.
        let huge = (0..<leads.leadCount).filter { (leads.lead(at: $0).sourceComment?.utf8.count ?? 0) > 100 * 1024 }
        #expect(huge == [1, 5_001])
    }

    @Test("phones: RU mobiles in many shapes, extensions, foreign numbers, garbage, empty and null")
    func phones() throws {
        let leads = MockDataset(MockDatasetConfiguration(leadCount: 10_000, seed: 3))
        var nullCount = 0
        var emptyCount = 0
        var invalid = Set<String>()
        var validCount = 0
        var foreign = Set<String>()
        for index in 0..<leads.leadCount {
            let lead = leads.lead(at: index)
            guard let raw = lead.rawPhone else {
                nullCount += 1
                #expect(lead.phoneE164 == nil)
                continue
            }
            if raw.isEmpty { emptyCount += 1 }
            guard let e164 = lead.phoneE164 else {
                invalid.insert(raw)
                continue
            }
            validCount += 1
            if !e164.hasPrefix("+7") {
                foreign.insert(e164)
                continue
            }
            // An independent RU normalisation: drop the extension, keep digits, 8/7 trunk.
            let main = raw.components(separatedBy: " доб").first!.components(separatedBy: " ext").first!
            var digits = main.filter(\.isNumber)
            if digits.count == 10 { digits = "7" + digits }
            if digits.count == 11 && digits.hasPrefix("8") { digits = "7" + digits.dropFirst() }
            #expect("+" + digits == e164, "raw \(raw) vs \(e164)")
            #expect(e164.count == 12 && e164.dropFirst(2).hasPrefix("9"))
        }
        #expect(abs(nullCount - 800) < 150)
        #expect(abs(emptyCount - 800) < 150)
        #expect(abs(validCount - 7_600) < 300)
        #expect(foreign == ["+16502530000", "+380441234567", "+998901234567", "+4930123456"])
        #expect(invalid.isSuperset(of: ["", "не указан", "12345", "+7 000"]))
        let shapes = (0..<2_000).compactMap { leads.lead(at: $0).rawPhone }
        for marker in ["+79", "8 (9", "+7 9", "7 9", " доб. ", " ext. "] {
            #expect(shapes.contains { $0.hasPrefix(marker) || $0.contains(marker) }, "no phone like \(marker)")
        }
        #expect(shapes.contains { $0.count == 10 && $0.hasPrefix("9") })
        #expect(shapes.contains { $0.count == 11 && $0.hasPrefix("89") })
    }

    @Test("numbers as strings, fractional and string utcOffset, customValues and extra fields")
    func looseTypes() throws {
        let leads = MockDataset(MockDatasetConfiguration(leadCount: 5_000, seed: 9))
        var seen: Set<String> = []
        let fieldIds = Set(MockDataset.customFields.map { String($0.id) })
        for index in 0..<leads.leadCount {
            let object = try Self.object(leads.lead(at: index))
            for key in ["id", "statusId", "orderId", "priority", "utcOffset"] where object[key] is String {
                seen.insert("\(key) as string")
            }
            if let offset = object["utcOffset"] as? NSNumber, offset.doubleValue.rounded() != offset.doubleValue {
                seen.insert("fractional utcOffset")
            }
            if object["planningCallDateTime"] is NSNull { seen.insert("planning null") }
            if object["planningCallDateTime"] as? String == "" { seen.insert("planning empty") }
            if object["planningCallDateTime"] as? String == "завтра" { seen.insert("planning garbage") }
            if let planning = object["planningCallDateTime"], !(planning is NSNull), TestDates.decode(planning) != nil {
                seen.insert("planning date")
            }
            switch object["customValues"] {
            case let array as [Any]:
                #expect(array.isEmpty)
                seen.insert("customValues []")
            case let values as [String: Any]:
                for (key, value) in values {
                    if key == "99" { seen.insert("unknown custom field") } else { #expect(fieldIds.contains(key)) }
                    if value is NSNull { seen.insert("custom null") }
                    if key == "17", value is [Any] { seen.insert("multiselect array") }
                    if key == "15", value as? String == "1" || value as? String == "0" { seen.insert("bool as string") }
                    if key == "11", value is String { seen.insert("int as string") }
                    if key == "16", let code = value as? String {
                        #expect(MockDataset.customFields.first { $0.id == 16 }!.options.contains { $0.code == code })
                    }
                }
            default:
                Issue.record("customValues is neither array nor object")
            }
            if object["isSecondary"] is NSNull { seen.insert("isSecondary null") }
            if object["utmSource"] != nil { seen.insert("utmSource") }
            if object["tags"] != nil { seen.insert("tags") }
            if let type = object["leadType"] as? String { seen.insert("leadType \(type)") }
            if let method = object["createMethod"] as? String { seen.insert("createMethod \(method)") }
        }
        let wanted: Set<String> = [
            "id as string", "statusId as string", "orderId as string", "priority as string", "utcOffset as string",
            "fractional utcOffset", "planning null", "planning empty", "planning garbage", "planning date",
            "customValues []", "unknown custom field", "custom null", "multiselect array", "bool as string",
            "int as string", "isSecondary null", "utmSource", "tags", "leadType straight", "leadType selection",
            "createMethod api", "createMethod form", "createMethod manual",
        ]
        #expect(wanted.subtracting(seen).isEmpty, "missing: \(wanted.subtracting(seen).sorted())")
    }

    @Test("leads are a pure function of (seed, index)")
    func deterministic() {
        let a = MockDataset(MockDatasetConfiguration(leadCount: 500, seed: 5))
        let b = MockDataset(MockDatasetConfiguration(leadCount: 500, seed: 5))
        let other = MockDataset(MockDatasetConfiguration(leadCount: 500, seed: 6))
        var differing = 0
        for index in stride(from: 499, through: 0, by: -7) {
            #expect(a.lead(at: index).json() == b.lead(at: index).json())
            if a.lead(at: index).json() != other.lead(at: index).json() { differing += 1 }
        }
        #expect(differing > 60)
    }

    @Test("a served page holds exactly each lead's json()")
    func pageMatchesJSON() async throws {
        try await withServer(configuration(leads: 300, seed: 11)) { server in
            let response = try RawHTTPClient.get(port: server.port, target: "/v2/lead/?offset=120&limit=100")
            let body = String(decoding: response.body, as: UTF8.self)
            let leads = (120..<220).map { server.dataset.lead(at: $0).json() }
            #expect(body.hasPrefix("{\"success\":true,\"message\":\"\",\"data\":{\"list\":[" + leads[0] + ","))
            #expect(body.contains(leads.joined(separator: ",") + "],\"next\":220,\"total\":300}}"))
            #expect(response.header("Content-Type") == "application/json; charset=utf-8")
        }
    }
}
