import Foundation

/// A backfill cut for N processes (`liner-export plan`): the range's windows with their probed lead
/// counts, each assigned to a shard so the shards hold about as many leads each. Shards fetch their
/// windows (`run --plan --shard K`), then `render` writes every output from what they fetched.
///
/// The plan carries a fingerprint of the pipeline's source, filters and range: a shard or a render given
/// a plan made for another pipeline or range refuses it.
public struct ShardPlan: Codable, Sendable, Equatable {
    /// One window of the plan.
    public struct Window: Codable, Sendable, Equatable {
        public var fromMilliseconds: Int64
        public var toMilliseconds: Int64
        /// Readable copies of the bounds, in the window's zone, for a person reading the plan.
        public var from: String
        public var to: String
        /// The server's `total` for the window when planned.
        public var leads: Int
        /// The shard fetching it, 0..<shards.
        public var shard: Int

        var fetchWindow: FetchWindow {
            FetchWindow(from: Timestamp(millisecondsSinceEpoch: fromMilliseconds), to: Timestamp(millisecondsSinceEpoch: toMilliseconds))
        }
    }

    /// The only plan format this build reads.
    public static let currentVersion = 1

    public var planVersion = Self.currentVersion
    public var pipeline: String
    /// SHA-256 of what the shards' fetches depend on (`ShardPlan.fingerprint(of:range:)`).
    public var fingerprint: String
    public var fromMilliseconds: Int64
    public var toMilliseconds: Int64
    /// The window's zone (its identifier), for file names and the readable bounds.
    public var timeZone: String
    public var shards: Int
    public var windows: [Window]

    /// The range as a run resolves it.
    var range: ResolvedWindow {
        ResolvedWindow(
            from: Timestamp(millisecondsSinceEpoch: fromMilliseconds), to: Timestamp(millisecondsSinceEpoch: toMilliseconds),
            timeZone: TimeZone(identifier: timeZone) ?? .gmt)
    }

    /// Leads planned for each shard.
    public var leadsByShard: [Int] {
        windows.reduce(into: Array(repeating: 0, count: shards)) { $0[$1.shard] += $1.leads }
    }

    /// What a plan must match for `spec`: its name, source, filters and the range. Never the token.
    static func fingerprint(of spec: PipelineSpec, range: ResolvedWindow) -> String {
        let filters = spec.filters
        let text = [
            "pipeline=\(spec.name)", spec.source.baseURL, "from=\(range.from.millisecondsSinceEpoch)",
            "to=\(range.to.millisecondsSinceEpoch)", "orders=\(filters.orderIds)", "statuses=\(filters.statusIds)",
            "statusFilter=\(filters.statusFilter.rawValue)",
        ].joined(separator: " ")
        var hash = SHA256()
        hash.update(Array(text.utf8))
        return hash.finalizeHex()
    }

    /// - Throws: `ExportError.badArguments` when the plan was made for another pipeline or range than
    ///   `spec` (`option` names where the plan came from).
    func check(against spec: PipelineSpec, path: String) throws {
        guard Self.fingerprint(of: spec, range: range) == fingerprint, pipeline == spec.name else {
            throw ExportError.badArguments(
                "--plan: \(path) was made for another pipeline or range (pipeline \(pipeline), \(range.description)); "
                    + "make the plan again with `liner-export plan` for this pipeline file")
        }
    }

    /// The state file of shard `shard` (its spool and lock beside it): `<stateFile>.shard-K`.
    static func shardStatePath(stateFile: String, shard: Int) -> String { "\(stateFile).shard-\(shard)" }
}

extension ShardPlan {
    /// Reads a plan file.
    /// - Throws: `ExportError.badArguments` naming the file when it cannot be read or is not a plan.
    public static func load(path: String) throws -> ShardPlan {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw ExportError.badArguments("--plan: cannot read \(path): \(error.localizedDescription)", underlying: error)
        }
        let plan: ShardPlan
        do { plan = try JSONDecoder().decode(ShardPlan.self, from: data) } catch {
            throw ExportError.badArguments("--plan: \(path) is not a plan written by `liner-export plan` (\(error))", underlying: error)
        }
        guard plan.planVersion == currentVersion else {
            throw ExportError.badArguments("--plan: \(path) has planVersion \(plan.planVersion); this build reads \(currentVersion)")
        }
        guard plan.shards >= 1, plan.windows.allSatisfy({ (0..<plan.shards).contains($0.shard) }) else {
            throw ExportError.badArguments("--plan: \(path) assigns a window to a shard outside 0..<\(plan.shards)")
        }
        return plan
    }

    /// Writes the plan as indented JSON, atomically (`-` for standard output).
    public func write(to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let data = try encoder.encode(self) + Data("\n".utf8)
        guard path != "-" else {
            FileHandle.standardOutput.write(data)
            return
        }
        try AtomicOutputFile.write(data, to: path)
    }
}
