import Foundation

/// Reads exported files back with Python's own csv and json modules — readers that share no code with
/// the writers — and returns each row as a dictionary of strings / JSON values. JSON is read strictly:
/// `NaN`, `Infinity`, a number no double can hold and a key twice in an object fail the read.
enum PythonReader {
    private static let script = #"""
    import csv, json, math, sys
    kind, path, delimiter = sys.argv[1], sys.argv[2], sys.argv[3]
    # Strict JSON: no NaN or Infinity, no number a double cannot hold (1e999), no key twice.
    def constant(name):
        raise ValueError("not JSON: " + name)
    def finite(text):
        value = float(text)
        if not math.isfinite(value):
            raise ValueError("a number no double can hold: " + text)
        return value
    def unique(pairs):
        keys = [key for key, _ in pairs]
        if len(keys) != len(set(keys)):
            raise ValueError("a key twice: %r" % sorted(key for key in set(keys) if keys.count(key) > 1))
        return dict(pairs)
    rows = []
    if kind == "csv":
        with open(path, newline="", encoding="utf-8-sig") as handle:
            rows = list(csv.DictReader(handle, delimiter=delimiter))
    else:
        with open(path, encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if not line.endswith("\n"):
                    sys.exit("line %d does not end with a newline" % number)
                rows.append(json.loads(line, parse_constant=constant, parse_float=finite, object_pairs_hook=unique))
    json.dump(rows, sys.stdout, ensure_ascii=False)
    """#

    static func csvRows(_ path: String, delimiter: String = ",") throws -> [[String: String]] {
        try read("csv", path, delimiter: delimiter) as? [[String: String]] ?? []
    }

    static func ndjsonRows(_ path: String) throws -> [[String: Any]] {
        try read("ndjson", path, delimiter: ",") as? [[String: Any]] ?? []
    }

    private static func read(_ kind: String, _ path: String, delimiter: String) throws -> Any {
        let result = try runProgram(["python3", "-c", script, kind, path, delimiter])
        guard result.status == 0 else {
            throw ProgramFailed(description: "python3 could not read \(path): \(result.errors)")
        }
        return try JSONSerialization.jsonObject(with: Data(result.output.utf8))
    }
}
