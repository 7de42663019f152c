import Foundation

/// How the service waits out throttling (TooManyRequestsException) before calling again:
/// exponential backoff with equal jitter (half the doubled cap, plus a random part of the other
/// half), so that a bulk migration's calls do not come back all at once, for a bounded number of
/// attempts. Only an explicit throttling answer is retried: the call was refused before it acted.
public struct ThrottleBackoff: Sendable {
    /// Attempts in all, the first included.
    public let maxAttempts: Int
    /// The cap of the first wait; each further wait doubles it, up to `maxDelay`.
    public let baseDelay: Duration
    public let maxDelay: Duration
    /// Waits; tests pass one that records the wait and returns at once.
    let sleep: @Sendable (Duration) async throws -> Void
    /// A number in 0...1 for the jitter.
    let random: @Sendable () -> Double

    public init(maxAttempts: Int = 4, baseDelay: Duration = .seconds(1), maxDelay: Duration = .seconds(8),
                sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) },
                random: @escaping @Sendable () -> Double = { Double.random(in: 0...1) }) {
        precondition(maxAttempts >= 1, "A call is made at least once")
        precondition(baseDelay > .zero && maxDelay >= baseDelay, "Waits grow from baseDelay up to maxDelay")
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.sleep = sleep
        self.random = random
    }

    /// The wait before retry number `retry` (1 for the second attempt).
    public func delay(beforeRetry retry: Int) -> Duration {
        let cap = min(baseDelay * (1 << min(retry - 1, 30)), maxDelay)
        return cap / 2 + (cap / 2) * min(1, max(0, random()))
    }
}

/// A throttled call about to be sent again, reported to whoever shows the wait.
public struct ThrottleWait: Hashable, Sendable {
    public let operation: String
    public let accountID: AccountID
    /// 1 for the first retry.
    public let retry: Int
    public let delay: Duration

    public init(operation: String, accountID: AccountID, retry: Int, delay: Duration) {
        self.operation = operation
        self.accountID = accountID
        self.retry = retry
        self.delay = delay
    }

    /// The wait in whole seconds, rounded up: "retrying in 2 s".
    public var seconds: Int {
        let (whole, fraction) = delay.components
        return Int(whole) + (fraction > 0 ? 1 : 0)
    }
}
