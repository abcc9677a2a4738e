extension PipelineSpec {
    /// A file or folder a run creates, replaces or removes.
    public struct WrittenPath: Sendable, Equatable {
        /// What it is: `outputs[0].path`, `rejects`, `lock` (the outputs'), `manifest`, `state`, `state lock`, `spool`
        /// (a folder), `metrics`.
        public let role: String
        /// As the pipeline resolves it: relative paths stay relative to the working folder.
        public let path: String
    }

    /// Every path a run for `window` writes: each output (`{part}` still in a split output's path), the
    /// rejects file, the outputs' lock and the manifest beside the first output, the state file with its lock and spool
    /// folder, and the metrics textfile. Each file is written through a temporary file in its own folder,
    /// so a sandbox (systemd's `ReadWritePaths`, a container's volume mounts) must let the run write in
    /// the folder of every one of them.
    public func writtenPaths(for window: ResolvedWindow) -> [WrittenPath] {
        let outputPaths = outputPaths(for: window)
        var paths = outputPaths.enumerated().map { WrittenPath(role: "outputs[\($0.offset)].path", path: $0.element) }
        if let rejects = rejectsPath(for: window) { paths.append(WrittenPath(role: "rejects", path: rejects)) }
        paths.append(WrittenPath(role: "lock", path: outputLockPath(outputPaths: outputPaths)))
        paths.append(WrittenPath(role: "manifest", path: manifestPath(for: window)))
        if let stateFile = self.window.stateFile {
            let store = StateStore(path: stateFile)
            paths.append(WrittenPath(role: "state", path: store.path))
            paths.append(WrittenPath(role: "state lock", path: store.lockPath))
            paths.append(WrittenPath(role: "spool", path: store.spoolFolder))
        }
        if let metrics { paths.append(WrittenPath(role: "metrics", path: metrics.textfile)) }
        return paths
    }
}
