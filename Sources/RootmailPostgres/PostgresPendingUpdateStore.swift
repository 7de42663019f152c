import Foundation
import PostgresNIO
import RootmailCore

/// Pending updates in the team's store, shared by every host pointed at it. Finished updates
/// stay in the table, out of the open lists, as a history.
public struct PostgresPendingUpdateStore: PendingUpdateStore {
    let store: PostgresStore

    public func insert(_ update: PendingUpdate) throws {
        try store.transaction { session in
            try session.query("""
                INSERT INTO pending_update (id, organization_id, account_id, account_name, previous_email, new_email,
                    started_at, expires_at, started_by, host, os_user, phase, failed_attempts, owner_pid, updated_at)
                VALUES (\(update.id), \(update.organizationID), \(update.accountID.rawValue), \(update.accountName),
                    \(update.previousEmail), \(update.newEmail.rawValue), \(update.startedAt.timeIntervalSince1970),
                    \(update.expiresAt.timeIntervalSince1970), \(update.startedBy), \(update.startedOn.host),
                    \(update.startedOn.user), \(update.phase.rawValue),
                    \(update.failedAttempts), \(update.ownerPID), \(update.updatedAt.timeIntervalSince1970))
                """)
            try session.changed()
        }
    }

    public func update(_ update: PendingUpdate) throws {
        try self.update([update], auditing: nil)
    }

    /// One transaction on the one connection: the phase and its audit row are committed together.
    public func update(_ updates: [PendingUpdate], auditing entry: AuditEntry?) throws {
        try store.transaction { session in
            for update in updates { try Self.store(update, in: session, of: store) }
            if let entry { try PostgresAuditLog.insert(entry, in: session) }
            try session.changed()
        }
    }

    private static func store(_ update: PendingUpdate, in session: PostgresStore.Session, of store: PostgresStore) throws {
        let result = try session.query("""
            UPDATE pending_update SET organization_id = \(update.organizationID), account_id = \(update.accountID.rawValue),
                account_name = \(update.accountName), previous_email = \(update.previousEmail),
                new_email = \(update.newEmail.rawValue), started_at = \(update.startedAt.timeIntervalSince1970),
                expires_at = \(update.expiresAt.timeIntervalSince1970), started_by = \(update.startedBy),
                host = \(update.startedOn.host), os_user = \(update.startedOn.user),
                phase = \(update.phase.rawValue), failed_attempts = \(update.failedAttempts),
                owner_pid = \(update.ownerPID), updated_at = \(update.updatedAt.timeIntervalSince1970)
            WHERE id = \(update.id)
            """)
        guard result.metadata.rows == 1 else {
            throw RootmailError.storage(
                "The pending update \(update.id) for account \(update.accountID) is not in the store \(store.url). "
                    + "Refresh the pending updates and try again.")
        }
    }

    public func openUpdates(organizationID: String?) throws -> [PendingUpdate] {
        try store.withSession { session in
            let rows = if let organizationID {
                try session.query("""
                    SELECT \(unescaped: Self.columns) FROM pending_update
                    WHERE phase = ANY(\(Self.openPhases)) AND organization_id = \(organizationID) ORDER BY sequence
                    """)
            } else {
                try session.query("""
                    SELECT \(unescaped: Self.columns) FROM pending_update WHERE phase = ANY(\(Self.openPhases)) ORDER BY sequence
                    """)
            }
            return try rows.map(Self.pendingUpdate)
        }
    }

    /// The newest open update when several are open (a Start whose outcome is unknown beside
    /// the update it was meant to replace).
    public func openUpdate(organizationID: String, accountID: AccountID) throws -> PendingUpdate? {
        try store.withSession { session in
            try session.query("""
                SELECT \(unescaped: Self.columns) FROM pending_update
                WHERE phase = ANY(\(Self.openPhases)) AND organization_id = \(organizationID)
                    AND account_id = \(accountID.rawValue)
                ORDER BY sequence DESC LIMIT 1
                """).first.map(Self.pendingUpdate)
        }
    }

    private static let openPhases = PendingUpdate.Phase.allCases.filter(\.isOpen).map(\.rawValue)
    private static let columns = """
        id, organization_id, account_id, account_name, previous_email, new_email, started_at, expires_at, \
        started_by, host, os_user, phase, failed_attempts, owner_pid, updated_at
        """

    private static func pendingUpdate(_ row: PostgresRow) throws -> PendingUpdate {
        let (id, organizationID, accountID, accountName, previousEmail, newEmail, startedAt, expiresAt, startedBy,
             host, osUser, phase, failedAttempts, ownerPID, updatedAt) = try row.decode(
            (String, String, String, String, String?, String, Double, Double, String, String, String, String, Int,
             Int32, Double).self)
        guard let phase = PendingUpdate.Phase(rawValue: phase) else {
            throw RootmailError.storage("A pending update has the unknown phase \"\(phase)\": "
                + "the store was written by a newer rootmail. Run that version.")
        }
        return PendingUpdate(
            id: id, organizationID: organizationID, accountID: try AccountID(accountID), accountName: accountName,
            previousEmail: previousEmail, newEmail: try EmailAddress(newEmail),
            startedAt: Date(timeIntervalSince1970: startedAt), expiresAt: Date(timeIntervalSince1970: expiresAt),
            startedBy: startedBy, startedOn: Workstation(host: host, user: osUser), phase: phase, failedAttempts: failedAttempts, ownerPID: ownerPID,
            updatedAt: Date(timeIntervalSince1970: updatedAt))
    }
}
