import Foundation
import Testing

/// The pipeline key reference (docs/pipeline-reference.md) and `pipelines/pipeline.schema.json` agree: every key the
/// schema knows has a row in its table, showing the schema's default where it has one.
struct ReadmeReferenceTests {
    static let readmePath = CommandLineTests.root + "/docs/pipeline-reference.md"
    /// The operations guide, with the warnings table.
    static let operationsPath = CommandLineTests.root + "/docs/operations.md"

    /// Leaf keys of the schema as the README spells them (`source.pageSize`, `outputs[].format`), and
    /// what is wrong with the README's table.
    static let script = #"""
        import json, re, sys
        schema = json.load(open(sys.argv[1]))
        readme = open(sys.argv[2], encoding="utf-8").read()
        def resolve(node):
            while isinstance(node, dict) and "$ref" in node:
                node = schema["$defs"][node["$ref"].split("/")[-1]]
            return node
        keys = []
        def walk(node, path):
            node = resolve(node)
            variants = [node] + [resolve(v) for v in node.get("oneOf", []) + node.get("anyOf", [])]
            objects = [v for v in variants if "properties" in v]
            if objects:
                for v in objects:
                    for name, child in v["properties"].items():
                        walk(child, path + [name])
                return
            if node.get("type") == "array" and "properties" in resolve(node.get("items", {})):
                walk(node["items"], path[:-1] + [path[-1] + "[]"])
                return
            keys.append((".".join(path), node))
        walk(schema, [])
        rows = {}
        for line in readme.splitlines():
            if line.startswith("| `"):
                cells = [c.strip() for c in line.strip().strip("|").split("|")]
                for key in re.findall(r"`([^`]+)`", cells[0]):
                    rows[key] = cells[1] if len(cells) > 1 else ""
        problems = []
        for key, node in keys:
            if key == "$schema":
                continue
            if key.split(".")[-1] == "$comment":
                key = "$comment"   # one README row for the comment every object may hold
            if key not in rows:
                problems.append("missing from the README table: " + key)
                continue
            if "default" in node:
                value = node["default"]
                text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
                if text.replace('"', "") not in rows[key].replace("`", "").replace('"', ""):
                    problems.append("%s: the schema's default %s is not in the README's %r" % (key, text, rows[key]))
        json.dump({"keys": [k for k, _ in keys], "problems": problems}, sys.stdout, ensure_ascii=False)
        """#

    @Test func everySchemaKeyHasAReadmeRowWithItsDefault() throws {
        let result = try runProgram(["python3", "-c", Self.script, PipelineSchemaTests.schemaPath, Self.readmePath])
        #expect(result.status == 0, "\(result.errors)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: [String]])
        let keys = report["keys"] ?? []
        // The walk reaches every level, so a README that lost a row cannot pass.
        for key in ["source.pageSize", "window.stateFile", "normalize.phones.format", "outputs[].format", "metrics.textfile"] {
            #expect(keys.contains(key), "the schema walk missed \(key)")
        }
        #expect(keys.count >= 45)
        #expect(report["problems"] == [], "\(report["problems"] ?? [])")
    }
}
