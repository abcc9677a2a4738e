extension Duration {
    /// The duration in seconds, fraction included (durations and rates in reports are plain numbers).
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
