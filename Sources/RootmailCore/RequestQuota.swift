import Foundation

/// One of AWS's published quotas on the primary-email operations: at most `limit` requests in any
/// `window` for one bucket (a caller account, or a target account). The embedded organization
/// enforces these; a migration paces itself by the same numbers.
public struct RequestQuota: Hashable, Sendable {
    /// Names the quota's buckets: `start-target:222222222222`.
    public let name: String
    public let limit: Int
    public let window: TimeInterval

    public init(name: String, limit: Int, window: TimeInterval) {
        precondition(limit >= 1 && window > 0, "A quota allows at least one request in a positive window")
        self.name = name
        self.limit = limit
        self.window = window
    }

    /// StartPrimaryEmailUpdate: 3 per 30 seconds for one target account.
    public static let startPerTarget = RequestQuota(name: "start-target", limit: 3, window: 30)
    /// StartPrimaryEmailUpdate: 1 per second (burst 1) for one caller account.
    public static let startPerCaller = RequestQuota(name: "start-caller", limit: 1, window: 1)
    /// AcceptPrimaryEmailUpdate: 1 per second (burst 1) for one caller account.
    public static let acceptPerCaller = RequestQuota(name: "accept-caller", limit: 1, window: 1)
    /// GetPrimaryEmail: 3 per second (burst 3) for one caller account.
    public static let getPerCaller = RequestQuota(name: "get-caller", limit: 3, window: 1)

    /// The bucket of this quota that `account` draws on.
    public func bucket(for account: AccountID) -> QuotaBucket { QuotaBucket(quota: self, account: account) }
}

/// The requests of one quota counted for one account.
public struct QuotaBucket: Hashable, Sendable, CustomStringConvertible {
    public let quota: RequestQuota
    public let account: AccountID

    public var description: String { "\(quota.name):\(account)" }
}
