import Foundation
import Testing
@testable import LinerExport

/// `schemas/leads.xsd` must name every field a column can hold, or a records XML with that column
/// selected would not validate.
struct LeadsXSDTests {
    @Test func xsdNamesEveryLeadField() throws {
        let xsd = try String(contentsOfFile: PipelineSpecTests.pipelinesFolder + "../schemas/leads.xsd", encoding: .utf8)
        let missing = LeadField.all.map(\.name).filter { !xsd.contains("<xs:element name=\"\($0)\" type=\"value\"/>") }
        #expect(missing.isEmpty, "schemas/leads.xsd lacks \(missing)")
    }
}
