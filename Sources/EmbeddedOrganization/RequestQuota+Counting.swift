import Foundation
import GRDB
import RootmailCore

/// AWS's quotas enforced on the embedded organization: the requests are counted in SQLite, so
/// every process on the same data directory shares the count.
extension RequestQuota {
    /// Counts one request against the quota, or throws TooManyRequests when it is used up
    /// (the refused request is not counted). Call inside an immediate transaction.
    func consume(for account: AccountID, at now: Date, in db: Database, operation: AccountAPIOperation) throws {
        let bucket = self.bucket(for: account).description
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
