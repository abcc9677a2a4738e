import LinerJSON

extension JSONValue {
    /// The object of an `.object`; nil for every other kind: a test can `#require` the case it needs
    /// and stop there when the value is of another kind.
    public var objectValue: JSONObject? {
        if case .object(let object) = self { return object }
        return nil
    }
}
