import Testing

@testable import LinerExport

/// Status and order titles are looked up as bytes in place: each id must give its own text's bytes.
struct TextsByIDTests {
    @Test func eachIDGivesItsOwnTextAndAMissingIDNone() {
        let titles = [18: "Спам, \"бот\"", 1: "", 7: "Новый", 210: String(repeating: "Страхование ОСАГО ", count: 50)]
        let texts = TextsByID(titles)
        for (id, title) in titles {
            #expect(texts.withText(id: Int64(id)) { String(decoding: $0, as: UTF8.self) } == title)
        }
        #expect(texts.withText(id: 2) { _ in true } == nil)
        #expect(texts.withText(id: -18) { _ in true } == nil)
    }
}
