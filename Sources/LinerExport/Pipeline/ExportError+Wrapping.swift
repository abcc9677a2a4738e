extension ExportError {
    /// Whatever escaped as another error type, as an `ExportError`, so the CLI has one shape to print:
    /// a cancellation is an interrupted run; anything else a transport failure that keeps the error.
    init(wrapping error: any Error) {
        switch error {
        case let error as ExportError: self = error
        case is CancellationError: self = .interrupted("the run was interrupted; nothing was published", underlying: error)
        default: self = .transport("\(error)", underlying: error)
        }
    }
}
