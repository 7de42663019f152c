import Foundation
import PostgresNIO
import RootmailCore

/// The audit log in the team's store: every Start, Accept and discard made from any host. Append-only.
public struct PostgresAuditLog: AuditLog {
    let store: PostgresStore

    public func append(_ entry: AuditEntry) throws {
        try store.transaction { session in
            try Self.insert(entry, in: session)
            try session.changed()
        }
    }

    static func insert(_ entry: AuditEntry, in session: PostgresStore.Session) throws {
        try session.query("""
            INSERT INTO audit_entry (at, caller_arn, organization_id, account_id, operation, old_email, new_email, result,
                host, os_user, process_id)
            VALUES (\(entry.at.timeIntervalSince1970), \(entry.callerARN), \(entry.organizationID),
                \(entry.accountID.rawValue), \(entry.operation), \(entry.oldEmail), \(entry.newEmail), \(entry.result),
                \(entry.workstation.host), \(entry.workstation.user), \(entry.processID))
            """)
    }

    /// Newest first, in the order the entries were committed.
    public func recentEntries(limit: Int) throws -> [AuditEntry] {
        try store.withSession { session in
            try session.query("""
                SELECT at, caller_arn, organization_id, account_id, operation, old_email, new_email, result, host,
                    os_user, process_id
                FROM audit_entry ORDER BY sequence DESC LIMIT \(limit)
                """).map { row in
                let (at, caller, organization, account, operation, old, new, result, host, user, processID) =
                    try row.decode((Double, String, String, String, String, String?, String?, String, String, String,
                                    Int32).self)
                return AuditEntry(at: Date(timeIntervalSince1970: at), callerARN: caller, organizationID: organization,
                                  accountID: try AccountID(account), operation: operation, oldEmail: old,
                                  newEmail: new, result: result, workstation: Workstation(host: host, user: user),
                                  processID: processID)
            }
        }
    }
}
