extension PipelineSpec {
    /// The rendered path of each output for `window` (`{part}` still in it).
    public func outputPaths(for window: ResolvedWindow) -> [String] {
        outputs.map {
            OutputPathTemplate.render(
                $0.path, name: name, from: window.fileNameLabel(window.from), to: window.fileNameLabel(window.to))
        }
    }
}
