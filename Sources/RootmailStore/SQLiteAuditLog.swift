import Foundation
import GRDB
import RootmailCore

/// The audit log in `rootmail.sqlite`: every Start, Accept and discard made through this data
/// directory, by any process. Append-only.
public struct SQLiteAuditLog: AuditLog {
    let database: RootmailDatabase

    public func append(_ entry: AuditEntry) throws {
        try database.write { db in try AuditEntryRecord(entry).insert(db) }
    }

    /// Newest first, in the order the entries were written.
    public func recentEntries(limit: Int) throws -> [AuditEntry] {
        try database.read { db in
            try AuditEntryRecord.order(\.sequence.desc).limit(limit).fetchAll(db).map { try $0.auditEntry() }
        }
    }
}
