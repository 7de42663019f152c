/// How often and after how long a refused or failed call is sent again: exponential backoff
/// with full jitter (a random wait between zero and the doubled cap), so that many clients
/// throttled together do not come back together.
public struct RetryPolicy: Sendable, Equatable {
    /// Attempts in all, the first included.
    public let maxAttempts: Int
    /// The cap of the first wait; each further wait doubles it.
    public let baseDelay: Duration
    public let maxDelay: Duration

    public init(maxAttempts: Int, baseDelay: Duration = .milliseconds(500), maxDelay: Duration = .seconds(20)) {
        precondition(maxAttempts >= 1, "A call is made at least once")
        precondition(baseDelay >= .zero && maxDelay >= baseDelay, "Delays grow from baseDelay up to maxDelay")
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    /// The longest wait before retry number `retry` (1 for the second attempt).
    func delayCap(beforeRetry retry: Int) -> Duration {
        let doublings = min(retry - 1, 30)
        let cap = baseDelay * (1 << doublings)
        return min(cap, maxDelay)
    }

    /// A random wait in `0...delayCap(beforeRetry:)`.
    func delay(beforeRetry retry: Int, using generator: inout some RandomNumberGenerator) -> Duration {
        let cap = delayCap(beforeRetry: retry)
        let nanoseconds = cap.components.seconds * 1_000_000_000 + cap.components.attoseconds / 1_000_000_000
        guard nanoseconds > 0 else { return .zero }
        return .nanoseconds(Int64.random(in: 0...nanoseconds, using: &generator))
    }
}

/// Which failures a call may be sent again after.
enum RetryScope: Sendable {
    /// Reads: throttling, service faults and dropped connections.
    case idempotent
    /// Changes (Start, Accept): only answers that refused the call before it acted. A dropped
    /// connection after sending is never retried: the change may have happened.
    case refusalsOnly
}
