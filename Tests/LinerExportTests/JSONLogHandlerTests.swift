import Foundation
import Logging
import Testing
@testable import LinerExport

/// `--log-format json`: one object a line, numbers logged as numbers written as JSON numbers.
struct JSONLogHandlerTests {
    @Test func numbersAreJSONNumbersAndTextStaysText() throws {
        let written = TextLines()
        let logger = Logger(label: "liner-export") { JSONLogHandler(label: $0) { written.append(String(decoding: $0, as: UTF8.self)) } }
        logger.info("window complete", metadata: [
            "leads": .stringConvertible(1_440), "retryInSeconds": .stringConvertible(0.25), "window": "1/7",
            "id": "42", "nan": .stringConvertible(Double.nan),
        ])
        let line = try #require(written.all.first)
        #expect(line.hasSuffix("}\n"))
        #expect(line.contains(#""leads":1440,"#) && line.contains(#""retryInSeconds":0.25"#), "\(line)")
        #expect(line.contains(#""id":"42""#) && line.contains(#""window":"1/7""#), "text logged as text stays a string: \(line)")
        #expect(line.contains(#""nan":"nan""#), "no JSON number for NaN: \(line)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["leads"] as? Int == 1_440 && object["message"] as? String == "window complete")
    }
}
