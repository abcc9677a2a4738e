import Foundation
import Testing
@testable import LinerExport

/// `deploy/` runs the pipelines it names without hitting its own sandbox: every path a run writes
/// (outputs, their lock and manifest, the state file with its lock and spool, the metrics textfile),
/// as the library resolves it, lies in a folder the unit or the CronJob lets the run write in.
struct DeployFilesTests {
    static let deploy = CommandLineTests.root + "/deploy/"

    /// Whether `path` (absolute, standardized) lies inside one of `folders`, so its folder can be written.
    static func isInside(_ path: String, _ folders: [String]) -> Bool {
        folders.contains { path.hasPrefix($0.hasSuffix("/") ? $0 : $0 + "/") }
    }

    /// `path` made absolute against `folder` and standardized (`..` and `.` resolved).
    static func absolute(_ path: String, in folder: String?) -> String? {
        if path.hasPrefix("/") { return URL(fileURLWithPath: path).standardized.path }
        guard let folder else { return nil }
        return URL(fileURLWithPath: folder + "/" + path).standardized.path
    }

    /// The paths a run of `spec` writes that fall outside `writable`, as `role path` lines.
    static func pathsOutside(_ writable: [String], spec: PipelineSpec, workingFolder: String?) throws -> [String] {
        let window = try ResolvedWindow(spec.window, now: Date())
        let written = spec.writtenPaths(for: window)
        #expect(written.contains { $0.role == "manifest" } && written.contains { $0.role == "lock" })
        return written.compactMap { written in
            guard let path = absolute(written.path, in: workingFolder) else {
                return "\(written.role) \(written.path): relative, and no working folder is set"
            }
            return isInside(path, writable) ? nil : "\(written.role) \(path)"
        }
    }

    // MARK: systemd

    /// `key=value` lines of a unit file; a key given more than once keeps every value.
    static func unitSettings(_ text: String) -> [String: [String]] {
        var settings: [String: [String]] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") && !line.hasPrefix("[") {
            guard let equals = line.firstIndex(of: "=") else { continue }
            settings[String(line[..<equals]), default: []].append(String(line[line.index(after: equals)...]))
        }
        return settings
    }

    @Test func theSystemdUnitLetsItsPipelineWriteEverywhereItWrites() throws {
        let unit = Self.unitSettings(try String(contentsOfFile: Self.deploy + "systemd/liner-export.service", encoding: .utf8))
        let workingFolder = try #require(unit["WorkingDirectory"]?.last)
        // Space-separated, possibly over several lines; a leading "-" or "+" only changes how a missing one is treated.
        let writable = (unit["ReadWritePaths"] ?? []).flatMap { $0.split(separator: " ") }
            .map { String($0.drop { $0 == "-" || $0 == "+" }) }
        #expect(unit["ProtectSystem"] == ["strict"], "the check assumes everything else is read-only")
        let execStart = try #require(unit["ExecStart"]?.last).split(separator: " ").map(String.init)
        let pipeline = try #require(execStart.last { $0.hasSuffix(".json") })
        #expect(!pipeline.hasPrefix("/"), "the unit's pipeline is the repository's, relative to WorkingDirectory")
        let spec = try PipelineLoader.load(path: CommandLineTests.root + "/" + pipeline)
        let outside = try Self.pathsOutside(writable, spec: spec, workingFolder: workingFolder)
        #expect(outside.isEmpty, "\(pipeline) writes outside ReadWritePaths \(writable): \(outside)")
    }

    // MARK: cron

    @Test func theCrontabRunsTheUnitsPipelineFromTheSameFolder() throws {
        let text = try String(contentsOfFile: Self.deploy + "crontab", encoding: .utf8)
        let line = try #require(text.split(separator: "\n").first { !$0.hasPrefix("#") && !$0.isEmpty })
        let words = line.split(separator: " ").map(String.init)
        let folder = try #require(words.firstIndex(of: "cd").map { words[$0 + 1] })
        let pipeline = try #require(words.first { $0.hasSuffix(".json") })
        let unit = Self.unitSettings(try String(contentsOfFile: Self.deploy + "systemd/liner-export.service", encoding: .utf8))
        #expect(unit["WorkingDirectory"] == [folder], "cron and systemd use one layout")
        #expect(unit["ExecStart"]?.last?.hasSuffix(" " + pipeline) == true, "and one pipeline")
        _ = try PipelineLoader.load(path: CommandLineTests.root + "/" + pipeline)
    }

    // MARK: Kubernetes

    /// The text of the block scalar `key: |` (its lines dedented), from a YAML file's text.
    static func blockScalar(_ key: String, in lines: [Substring]) -> String? {
        guard let start = lines.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == key + ": |" }) else { return nil }
        let keyIndent = lines[start].prefix { $0 == " " }.count
        let body = lines[(start + 1)...].prefix { $0.isEmpty || $0.prefix { $0 == " " }.count > keyIndent }
        let indent = body.first.map { $0.prefix { $0 == " " }.count } ?? 0
        return body.map { String($0.dropFirst(min(indent, $0.count))) }.joined(separator: "\n")
    }

    /// The `- { key: value, … }` flow mappings listed under `key:`.
    static func flowMappings(under key: String, in lines: [Substring]) -> [[String: String]] {
        guard let start = lines.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces) == key + ":" }) else { return [] }
        let keyIndent = lines[start].prefix { $0 == " " }.count
        return lines[(start + 1)...].prefix { $0.prefix { $0 == " " }.count > keyIndent }.compactMap { line in
            let item = line.trimmingCharacters(in: .whitespaces)
            guard item.hasPrefix("- {"), item.hasSuffix("}") else { return nil }
            var mapping: [String: String] = [:]
            for pair in item.dropFirst(3).dropLast().split(separator: ",") {
                let parts = pair.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                if parts.count == 2 { mapping[parts[0]] = parts[1] }
            }
            return mapping
        }
    }

    @Test func theCronJobMountsEveryFolderItsPipelineWrites() throws {
        let lines = try String(contentsOfFile: Self.deploy + "kubernetes/cronjob.yaml", encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false)
        let argsLine = try #require(lines.first { $0.trimmingCharacters(in: .whitespaces).hasPrefix("args:") })
        let args = try #require(try JSONSerialization.jsonObject(with: Data(argsLine.split(separator: ":", maxSplits: 1)[1].utf8)) as? [String])
        let pipelinePath = try #require(args.last { $0.hasSuffix(".json") })
        let mounts = Self.flowMappings(under: "volumeMounts", in: lines)
        #expect(mounts.count >= 3)
        // The pipeline is the ConfigMap's entry of that name, mounted at the pipeline's folder.
        let pipelineFolder = (pipelinePath as NSString).deletingLastPathComponent
        #expect(mounts.contains { $0["mountPath"] == pipelineFolder }, "the pipeline's folder \(pipelineFolder) is mounted")
        let json = try #require(Self.blockScalar((pipelinePath as NSString).lastPathComponent, in: lines))
        let spec = try PipelineLoader.decode(Data(json.utf8), origin: "cronjob.yaml")
        if let tokenFile = spec.source.apiKeyFile {
            #expect(Self.isInside(tokenFile, mounts.compactMap { $0["mountPath"] }), "source.apiKeyFile \(tokenFile) is mounted")
        }
        let workingFolder = lines.first { $0.trimmingCharacters(in: .whitespaces).hasPrefix("workingDir:") }
            .map { $0.split(separator: ":", maxSplits: 1)[1].trimmingCharacters(in: .whitespaces) }
        let writable = mounts.filter { $0["readOnly"] != "true" }.compactMap { $0["mountPath"] }
        let outside = try Self.pathsOutside(writable, spec: spec, workingFolder: workingFolder)
        #expect(outside.isEmpty, "the CronJob's pipeline writes outside its writable mounts \(writable): \(outside)")
    }

    // MARK: Kubernetes backfill

    /// A manifest's lines, the args of its (single) container as a list, and its writable mounts.
    static func job(_ file: String) throws -> (lines: [Substring], args: [String], mounts: [[String: String]]) {
        let lines = try String(contentsOfFile: Self.deploy + "kubernetes/backfill/" + file, encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false)
        let argsLine = try #require(lines.first { $0.trimmingCharacters(in: .whitespaces).hasPrefix("args:") })
        let args = try #require(try JSONSerialization.jsonObject(with: Data(argsLine.split(separator: ":", maxSplits: 1)[1].utf8)) as? [String])
        return (lines, args, Self.flowMappings(under: "volumeMounts", in: lines))
    }

    /// The value of the first `key: value` line.
    static func value(_ key: String, in lines: [Substring]) -> String? {
        lines.first { $0.trimmingCharacters(in: .whitespaces).hasPrefix(key + ":") }
            .map { $0.split(separator: ":", maxSplits: 1)[1].trimmingCharacters(in: .whitespaces) }
    }

    /// The plan, fetch and render Jobs agree: one pipeline, one plan file, as many shards as completions,
    /// an Indexed Job, and every file the backfill writes (plan, shards' states and spools, outputs,
    /// manifest, metrics) on the ReadWriteMany volume every Job mounts.
    @Test func theBackfillJobsShareOnePlanPipelineAndVolume() throws {
        let volume = try String(contentsOfFile: Self.deploy + "kubernetes/backfill/1-volume-and-pipeline.yaml", encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false)
        #expect(Self.value("accessModes", in: volume) == #"["ReadWriteMany"]"#)
        let json = try #require(Self.blockScalar("backfill.json", in: volume))
        let spec = try PipelineLoader.decode(Data(json.utf8), origin: "1-volume-and-pipeline.yaml")
        let stateFile = try #require(spec.window.stateFile, "the shards spool beside the state file")

        let plan = try Self.job("2-plan-job.yaml"), fetch = try Self.job("3-fetch-job.yaml"), render = try Self.job("4-render-job.yaml")
        #expect(plan.args.first == "plan" && fetch.args.first == "run" && render.args.first == "render")
        let planFile = try #require(plan.args.firstIndex(of: "--output").map { plan.args[$0 + 1] })
        for job in [fetch, render] {
            #expect(job.args.firstIndex(of: "--plan").map { job.args[$0 + 1] } == planFile, "\(job.args)")
            #expect(!job.args.contains("--shard"), "the shard is the pod's JOB_COMPLETION_INDEX")
        }
        let pipelines = [plan, fetch, render].map { $0.args[1] }
        #expect(Set(pipelines).count == 1 && pipelines[0].hasSuffix("/backfill.json"))
        let shards = try #require(plan.args.firstIndex(of: "--shards").map { Int(plan.args[$0 + 1]) } ?? nil)
        #expect(Self.value("completionMode", in: fetch.lines) == "Indexed")
        #expect(Self.value("completions", in: fetch.lines).flatMap { Int($0) } == shards, "one pod per shard")
        #expect(Self.value("parallelism", in: fetch.lines).flatMap { Int($0) }.map { $0 <= shards } == true)
        #expect(Self.value("backoffLimitPerIndex", in: fetch.lines) != nil, "a failed shard is retried on its own")

        let written = [planFile, ShardPlan.shardStatePath(stateFile: stateFile, shard: shards - 1) + ".spool/x"]
            + spec.writtenPaths(for: try ResolvedWindow(spec.window, now: Date())).map(\.path)
        for job in [plan, fetch, render] {
            let writable = job.mounts.filter { $0["readOnly"] != "true" }.compactMap { $0["mountPath"] }
            #expect(job.mounts.contains { $0["mountPath"] == (pipelines[0] as NSString).deletingLastPathComponent })
            if let tokenFile = spec.source.apiKeyFile {
                #expect(Self.isInside(tokenFile, job.mounts.compactMap { $0["mountPath"] }), "\(job.args[0]): the token is mounted")
            }
            #expect(written.filter { !Self.isInside($0, writable) }.isEmpty, "\(job.args[0]) writes outside \(writable)")
            #expect(Self.value("claimName", in: job.lines) == nil, "flow style")
            #expect(job.lines.contains { $0.contains("persistentVolumeClaim: { claimName: liner-backfill }") })
        }
    }
}
