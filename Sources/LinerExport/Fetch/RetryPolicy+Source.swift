extension RetryPolicy {
    /// The retry settings a pipeline's `source` asks for.
    public init(source: SourceSpec) {
        self.init(
            maxAttempts: source.maxAttempts, baseDelaySeconds: source.retryBaseDelaySeconds,
            maxDelaySeconds: source.retryMaxDelaySeconds)
    }
}
