import Foundation
import GRDB
import RootmailCore

/// One of AWS's quotas on the primary-email operations: at most `limit` requests in any
/// `window` seconds for one bucket (a caller account or a target account). The requests are
/// counted in SQLite, so every process on the same data directory shares the count.
struct RateLimit: Sendable {
    let name: String
    let limit: Int
    let window: TimeInterval

    /// StartPrimaryEmailUpdate: 3 per 30 seconds for one target account.
    static let startPerTarget = RateLimit(name: "start-target", limit: 3, window: 30)
    /// StartPrimaryEmailUpdate: 1 per second (burst 1) for one caller account.
    static let startPerCaller = RateLimit(name: "start-caller", limit: 1, window: 1)
    /// AcceptPrimaryEmailUpdate: 1 per second (burst 1) for one caller account.
    static let acceptPerCaller = RateLimit(name: "accept-caller", limit: 1, window: 1)
    /// GetPrimaryEmail: 3 per second (burst 3) for one caller account.
    static let getPerCaller = RateLimit(name: "get-caller", limit: 3, window: 1)

    /// Counts one request against the quota, or throws TooManyRequests when it is used up
    /// (the refused request is not counted). Call inside an immediate transaction.
    func consume(for account: AccountID, at now: Date, in db: Database, operation: AccountAPIOperation) throws {
        let bucket = "\(name):\(account)"
        let windowStart = now.timeIntervalSince1970 - window
        try db.execute(sql: "DELETE FROM rate_event WHERE bucket = ? AND at <= ?", arguments: [bucket, windowStart])
        let used = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM rate_event WHERE bucket = ?", arguments: [bucket]) ?? 0
        guard used < limit else {
            throw ServiceError(.tooManyRequests, AWSMessages.throttled).during(operation)
        }
        try db.execute(sql: "INSERT INTO rate_event (bucket, at) VALUES (?, ?)",
                       arguments: [bucket, now.timeIntervalSince1970])
    }
}
