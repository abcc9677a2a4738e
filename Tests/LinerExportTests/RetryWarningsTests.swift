import Testing
@testable import LinerExport

/// A server failing the same way for every request gets one warning per `quietSeconds`, not one per retry.
struct RetryWarningsTests {
    @Test func theSameReasonWarnsOncePerQuietSpanAndThenCountsTheQuietedRetries() {
        let warnings = RetryWarnings(quietSeconds: 10)
        let start = ContinuousClock.now
        #expect(warnings.level(for: "connection refused", at: start) == (.warning, 0))
        #expect(warnings.level(for: "connection refused", at: start + .seconds(1)) == (.debug, 0))
        #expect(warnings.level(for: "HTTP 503", at: start + .seconds(2)) == (.warning, 0), "another reason warns at once")
        #expect(warnings.level(for: "connection refused", at: start + .seconds(9)) == (.debug, 0))
        #expect(warnings.level(for: "connection refused", at: start + .seconds(11)) == (.warning, 2))
        #expect(warnings.level(for: "connection refused", at: start + .seconds(12)) == (.debug, 0))
    }
}
