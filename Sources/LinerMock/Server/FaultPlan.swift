/// What the server does to one numbered lead-list request, decided from the fault seed and
/// the request's number alone.
enum FaultPlan: Equatable {
    /// How a 429 words its Retry-After header.
    enum RetryAfter: Equatable {
        /// `Retry-After: <retryAfterSeconds>` (70% of 429s).
        case seconds(Int)
        /// `Retry-After: 0` (15%).
        case zero
        /// `Retry-After: <IMF-fixdate>` that many seconds ahead (15%).
        case httpDate(secondsAhead: Int)
    }

    case none
    case reset
    case truncate
    /// 500 (JSON envelope), 502 (nginx HTML), 503 (HTML or JSON, half each).
    case serverError(status: Int, htmlBody: Bool)
    case rateLimit(RetryAfter)
    case successFalse

    /// The plan for request `number` (1-based) under `faults`.
    static func decide(number: Int, faults: MockFaults) -> FaultPlan {
        let base = SeededHash.base(seed: faults.seed, position: UInt64(number))
        let draw = SeededHash.unit(base)
        let detail = SeededHash.mix(base ^ 0x2545_F491_4F6C_DD1D)
        var threshold = 0.0
        threshold += max(0, faults.resetRate)
        if draw < threshold { return .reset }
        threshold += max(0, faults.truncateRate)
        if draw < threshold { return .truncate }
        threshold += max(0, faults.errorRate)
        if draw < threshold {
            switch detail % 3 {
            case 0: return .serverError(status: 500, htmlBody: false)
            case 1: return .serverError(status: 502, htmlBody: true)
            default: return .serverError(status: 503, htmlBody: (detail >> 8) & 1 == 0)
            }
        }
        threshold += max(0, faults.rateLimitRate)
        if draw < threshold {
            let form = (detail >> 16) % 100
            if form < 70 { return .rateLimit(.seconds(max(0, faults.retryAfterSeconds))) }
            if form < 85 { return .rateLimit(.zero) }
            return .rateLimit(.httpDate(secondsAhead: max(0, faults.retryAfterSeconds)))
        }
        threshold += max(0, faults.successFalseRate)
        if draw < threshold { return .successFalse }
        return .none
    }

    /// The statistics bucket of this plan, nil for `.none`.
    var kind: MockFaultKind? {
        switch self {
        case .none: return nil
        case .reset: return .connectionReset
        case .truncate: return .truncatedBody
        case .serverError: return .serverError
        case .rateLimit: return .rateLimit
        case .successFalse: return .successFalse
        }
    }
}
