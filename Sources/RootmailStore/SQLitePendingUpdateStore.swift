import Foundation
import GRDB
import RootmailCore

/// Pending updates in `rootmail.sqlite`, shared by every process on the data directory.
/// Finished updates stay in the table, out of the open lists, as a history.
public struct SQLitePendingUpdateStore: PendingUpdateStore {
    let database: RootmailDatabase

    public func insert(_ update: PendingUpdate) throws {
        try database.write { db in
            try db.execute(sql: """
                INSERT INTO pendingUpdate (id, organizationID, accountID, accountName, previousEmail, newEmail,
                    startedAt, expiresAt, startedBy, phase, failedAttempts, ownerPID, updatedAt)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [update.id] + Self.columnValues(of: update))
        }
    }

    public func update(_ update: PendingUpdate) throws {
        try database.write { db in try change(update, in: db) }
    }

    /// One transaction: a crash leaves both the change and its entry, or neither.
    public func update(_ update: PendingUpdate, auditing entry: AuditEntry) throws {
        try database.write { db in
            try change(update, in: db)
            try SQLiteAuditLog.insert(entry, in: db)
        }
    }

    private func change(_ update: PendingUpdate, in db: Database) throws {
        try db.execute(sql: """
            UPDATE pendingUpdate SET organizationID = ?, accountID = ?, accountName = ?, previousEmail = ?,
                newEmail = ?, startedAt = ?, expiresAt = ?, startedBy = ?, phase = ?, failedAttempts = ?,
                ownerPID = ?, updatedAt = ?
            WHERE id = ?
            """, arguments: Self.columnValues(of: update) + [update.id])
        guard db.changesCount == 1 else {
            throw RootmailError.storage(
                "The pending update \(update.id) for account \(update.accountID) is not in \(database.file.path). "
                    + "Refresh the pending updates and try again.")
        }
    }

    public func openUpdates(organizationID: String?) throws -> [PendingUpdate] {
        try database.read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT * FROM pendingUpdate
                WHERE phase IN \(Self.openPhasesSQL) AND (?1 IS NULL OR organizationID = ?1)
                ORDER BY sequence
                """, arguments: [organizationID])
            return try rows.map(Self.pendingUpdate(from:))
        }
    }

    /// The newest open update when several are open (a Start whose outcome is unknown beside
    /// the update it was meant to replace).
    public func openUpdate(organizationID: String, accountID: AccountID) throws -> PendingUpdate? {
        try database.read { db in
            try Row.fetchOne(db, sql: """
                SELECT * FROM pendingUpdate
                WHERE organizationID = ? AND accountID = ? AND phase IN \(Self.openPhasesSQL)
                ORDER BY sequence DESC LIMIT 1
                """, arguments: [organizationID, accountID.rawValue])
                .map(Self.pendingUpdate(from:))
        }
    }

    private static let openPhasesSQL = "("
        + PendingUpdate.Phase.allCases.filter(\.isOpen).map { "'\($0.rawValue)'" }.joined(separator: ", ") + ")"

    /// Every column but `id`, in the order of the statements above.
    private static func columnValues(of update: PendingUpdate) -> StatementArguments {
        [
            update.organizationID, update.accountID.rawValue, update.accountName, update.previousEmail,
            update.newEmail.rawValue, update.startedAt.timeIntervalSince1970, update.expiresAt.timeIntervalSince1970,
            update.startedBy, update.phase.rawValue, update.failedAttempts, update.ownerPID,
            update.updatedAt.timeIntervalSince1970,
        ]
    }

    private static func pendingUpdate(from row: Row) throws -> PendingUpdate {
        let phaseName: String = try row.decode(forColumn: "phase")
        guard let phase = PendingUpdate.Phase(rawValue: phaseName) else {
            throw RootmailError.storage("A pending update has the unknown phase \"\(phaseName)\": "
                + "the database was written by a newer rootmail. Run that version.")
        }
        return PendingUpdate(
            id: try row.decode(forColumn: "id"),
            organizationID: try row.decode(forColumn: "organizationID"),
            accountID: try AccountID(try row.decode(forColumn: "accountID")),
            accountName: try row.decode(forColumn: "accountName"),
            previousEmail: try row.decode(forColumn: "previousEmail"),
            newEmail: try EmailAddress(try row.decode(forColumn: "newEmail")),
            startedAt: Date(timeIntervalSince1970: try row.decode(forColumn: "startedAt")),
            expiresAt: Date(timeIntervalSince1970: try row.decode(forColumn: "expiresAt")),
            startedBy: try row.decode(forColumn: "startedBy"),
            phase: phase,
            failedAttempts: try row.decode(forColumn: "failedAttempts"),
            ownerPID: try row.decode(forColumn: "ownerPID"),
            updatedAt: Date(timeIntervalSince1970: try row.decode(forColumn: "updatedAt"))
        )
    }
}
