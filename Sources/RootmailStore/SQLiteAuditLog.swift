import Foundation
import GRDB
import RootmailCore

/// The audit log in `rootmail.sqlite`: every Start, Accept and discard made through this data
/// directory, by any process. Append-only.
public struct SQLiteAuditLog: AuditLog {
    let database: RootmailDatabase

    public func append(_ entry: AuditEntry) throws {
        try database.write { db in try Self.insert(entry, in: db) }
    }

    /// Appends within a transaction that writes more (a pending update's phase with its entry).
    static func insert(_ entry: AuditEntry, in db: Database) throws {
        try db.execute(sql: """
            INSERT INTO auditEntry (at, callerARN, organizationID, accountID, operation, oldEmail, newEmail, result)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [
                entry.at.timeIntervalSince1970, entry.callerARN, entry.organizationID, entry.accountID.rawValue,
                entry.operation, entry.oldEmail, entry.newEmail, entry.result,
            ])
    }

    /// Newest first, in the order the entries were written.
    public func recentEntries(limit: Int) throws -> [AuditEntry] {
        try database.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM auditEntry ORDER BY sequence DESC LIMIT ?", arguments: [limit])
                .map { row in
                    AuditEntry(
                        at: Date(timeIntervalSince1970: try row.decode(forColumn: "at")),
                        callerARN: try row.decode(forColumn: "callerARN"),
                        organizationID: try row.decode(forColumn: "organizationID"),
                        accountID: try AccountID(try row.decode(forColumn: "accountID")),
                        operation: try row.decode(forColumn: "operation"),
                        oldEmail: try row.decode(forColumn: "oldEmail"),
                        newEmail: try row.decode(forColumn: "newEmail"),
                        result: try row.decode(forColumn: "result")
                    )
                }
        }
    }
}
