/// botocore's retry modes (`AWS_RETRY_MODE`, a profile's `retry_mode`), which decide how many
/// attempts a call gets by default and how long it waits between them.
public enum RetryMode: String, Sendable, CaseIterable {
    /// botocore's first handler: 5 attempts, a wait of rand(0, 1) × 2^(n-1) seconds, uncapped.
    case legacy
    /// botocore's default: 3 attempts, rand(0, 1) × min(scale × 2^(n-1), 20 s), the scale
    /// 1 s after throttling and 50 ms after other transient failures.
    case standard
    /// standard's attempts and waits; botocore adds a client-side rate limiter, which rootmail
    /// does not model (its own callers pace Starts and Accepts to their quotas).
    case adaptive

    /// botocore's default mode when `retry_mode` is unset.
    public static let botocoreDefault = RetryMode.standard

    public var defaultMaxAttempts: Int { self == .legacy ? 5 : 3 }
}

/// How often and after how long a refused or failed call is sent again: exponential backoff
/// with full jitter (a random wait between zero and the doubled cap), so that many clients
/// throttled together do not come back together.
public struct RetryPolicy: Sendable, Equatable {
    /// Attempts in all, the first included.
    public let maxAttempts: Int
    /// The cap of the first wait after throttling; each further wait doubles it.
    public let throttlingBaseDelay: Duration
    /// The cap of the first wait after a server fault or a dropped connection.
    public let transientBaseDelay: Duration
    public let maxDelay: Duration

    public init(maxAttempts: Int, baseDelay: Duration = .milliseconds(500), maxDelay: Duration = .seconds(20)) {
        self.init(maxAttempts: maxAttempts, throttlingBaseDelay: baseDelay, transientBaseDelay: baseDelay,
                  maxDelay: maxDelay)
    }

    init(maxAttempts: Int, throttlingBaseDelay: Duration, transientBaseDelay: Duration, maxDelay: Duration) {
        precondition(maxAttempts >= 1, "A call is made at least once")
        precondition(throttlingBaseDelay >= .zero && transientBaseDelay >= .zero
            && maxDelay >= max(throttlingBaseDelay, transientBaseDelay), "Delays grow from their base up to maxDelay")
        self.maxAttempts = maxAttempts
        self.throttlingBaseDelay = throttlingBaseDelay
        self.transientBaseDelay = transientBaseDelay
        self.maxDelay = maxDelay
    }

    /// The attempts and waits botocore gives a call in `mode`, with its own default attempts
    /// unless `maxAttempts` (`AWS_MAX_ATTEMPTS`, `max_attempts`) is set.
    public static func botocore(_ mode: RetryMode, maxAttempts: Int? = nil) -> RetryPolicy {
        let attempts = maxAttempts ?? mode.defaultMaxAttempts
        switch mode {
        case .legacy:
            // Legacy has no cap: the doublings stop at 2^30 s only so that the Duration holds.
            return RetryPolicy(maxAttempts: attempts, throttlingBaseDelay: .seconds(1), transientBaseDelay: .seconds(1),
                               maxDelay: .seconds(Int64(1) << 30))
        case .standard, .adaptive:
            return RetryPolicy(maxAttempts: attempts, throttlingBaseDelay: .seconds(1),
                               transientBaseDelay: .milliseconds(50), maxDelay: .seconds(20))
        }
    }

    /// The longest wait before retry number `retry` (1 for the second attempt).
    func delayCap(beforeRetry retry: Int, throttled: Bool = true) -> Duration {
        let doublings = min(retry - 1, 30)
        let cap = (throttled ? throttlingBaseDelay : transientBaseDelay) * (1 << doublings)
        return min(cap, maxDelay)
    }

    /// A random wait in `0...delayCap(beforeRetry:throttled:)`.
    func delay(beforeRetry retry: Int, throttled: Bool = true, using generator: inout some RandomNumberGenerator)
        -> Duration
    {
        let cap = delayCap(beforeRetry: retry, throttled: throttled)
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
