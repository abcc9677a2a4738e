/// A query parameter the server rejects with 400.
struct BadParameter: Error, Equatable {
    /// The parameter's name as received (after percent-decoding).
    let name: String
    let value: String
    let expected: String

    /// The envelope's message: names the parameter, says what was expected and what came.
    var message: String {
        "Invalid parameter \"\(name)\": expected \(expected), got \"\(value)\""
    }
}
