import Foundation

/// Reads exported files back with Python's own csv and json modules — readers that share no code with
/// the writers — and returns each row as a dictionary of strings / JSON values.
enum PythonReader {
    private static let script = #"""
    import csv, json, sys
    kind, path, delimiter = sys.argv[1], sys.argv[2], sys.argv[3]
    rows = []
    if kind == "csv":
        with open(path, newline="", encoding="utf-8-sig") as handle:
            rows = list(csv.DictReader(handle, delimiter=delimiter))
    else:
        with open(path, encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if not line.endswith("\n"):
                    sys.exit("line %d does not end with a newline" % number)
                rows.append(json.loads(line))
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
