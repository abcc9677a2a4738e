/// Why the fake server refused to move its account's epoch.
public struct MockEpochError: Error, CustomStringConvertible {
    /// One line for a person.
    public let description: String

    init(_ description: String) {
        self.description = description
    }

    static func backwards(from current: Int, to target: Int) -> MockEpochError {
        MockEpochError("cannot advance to epoch \(target): the account is at epoch \(current), and time only moves forward")
    }
}
