/// The decoded `name=value` pairs of a request target's query, in order.
///
/// Decoding follows what PHP does to `$_GET`: `+` is a space and `%XX` a byte, in names as
/// well as values (so `orderIds%5B%5D` is `orderIds[]`). A `%` not followed by two hex digits
/// is kept as is. Pairs without `=` get an empty value.
struct QueryParameters {
    let pairs: [(name: String, value: String)]

    init(query: Substring) {
        var pairs: [(name: String, value: String)] = []
        for component in query.split(separator: "&", omittingEmptySubsequences: true) {
            if let equals = component.firstIndex(of: "=") {
                pairs.append((
                    Self.decode(component[..<equals]),
                    Self.decode(component[component.index(after: equals)...])
                ))
            } else {
                pairs.append((Self.decode(component), ""))
            }
        }
        self.pairs = pairs
    }

    /// The last value of `name` (PHP keeps the last of repeated scalars), or nil.
    func last(_ name: String) -> String? {
        pairs.last { $0.name == name }?.value
    }

    static func decode(_ text: Substring) -> String {
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "+") }) else {
            return String(text)
        }
        let bytes = Array(text.utf8)
        var decoded: [UInt8] = []
        decoded.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "+") {
                decoded.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%"), index + 2 < bytes.count,
                let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2])
            {
                decoded.append(high << 4 | low)
                index += 2
            } else {
                decoded.append(byte)
            }
            index += 1
        }
        return String(decoding: decoded, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
