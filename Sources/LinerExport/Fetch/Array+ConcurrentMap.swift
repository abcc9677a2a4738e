extension Array where Element: Sendable {
    /// `transform` of each element, in order, at most `concurrency` running at a time; the first error
    /// cancels the rest.
    func concurrentMap<Result: Sendable>(
        concurrency: Int, _ transform: @escaping @Sendable (Element) async throws -> Result
    ) async throws -> [Result?] {
        try await withThrowingTaskGroup(of: (Int, Result).self) { group in
            var results = [Result?](repeating: nil, count: count)
            var next = 0
            func startNext() {
                guard next < count else { return }
                let index = next
                let element = self[index]
                next += 1
                group.addTask { (index, try await transform(element)) }
            }
            for _ in 0..<Swift.max(1, concurrency) { startNext() }
            while let (index, result) = try await group.next() {
                results[index] = result
                startNext()
            }
            return results
        }
    }
}
