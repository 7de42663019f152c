import Foundation
import PostgresNIO
import RootmailCore

/// Migrations in the team's store, beside the pending updates their rows start: a run stopped on
/// one host can be resumed from another.
public struct PostgresMigrationStore: MigrationStore {
    let store: PostgresStore

    public func insert(_ migration: Migration, rows: [MigrationRow]) throws {
        try store.transaction { session in
            try session.query("""
                INSERT INTO migration (id, name, organization_id, rule, created_by, created_at, host, os_user)
                VALUES (\(migration.id), \(migration.name), \(migration.organizationID), \(migration.rule),
                    \(migration.createdBy), \(migration.createdAt.timeIntervalSince1970), \(migration.host), \(migration.user))
                """)
            for (position, row) in rows.enumerated() {
                try session.query("""
                    INSERT INTO migration_row (migration_id, position, account_id, account_name, current_email,
                        new_email, state, reason, updated_at)
                    VALUES (\(row.migrationID), \(position), \(row.accountID.rawValue), \(row.accountName),
                        \(row.currentEmail), \(row.newEmail), \(row.state.rawValue), \(row.reason),
                        \(row.updatedAt.timeIntervalSince1970))
                    """)
            }
            try session.changed()
        }
    }

    public func migrations(organizationID: String) throws -> [Migration] {
        try store.withSession { session in
            try session.query("""
                SELECT \(unescaped: Self.columns) FROM migration WHERE organization_id = \(organizationID)
                ORDER BY created_at DESC
                """).map(Self.migration)
        }
    }

    public func migration(id: String) throws -> Migration? {
        try store.withSession { session in
            try session.query("SELECT \(unescaped: Self.columns) FROM migration WHERE id = \(id)").first.map(Self.migration)
        }
    }

    public func rows(of migrationID: String) throws -> [MigrationRow] {
        try store.withSession { session in
            try session.query("""
                SELECT migration_id, account_id, account_name, current_email, new_email, state, reason, updated_at
                FROM migration_row WHERE migration_id = \(migrationID) ORDER BY position
                """).map { row in
                let (migrationID, account, name, current, new, state, reason, updatedAt) = try row.decode(
                    (String, String, String, String?, String?, String, String?, Double).self)
                guard let state = MigrationRow.State(rawValue: state) else {
                    throw RootmailError.storage("A migration row has the unknown state \"\(state)\": "
                        + "the store was written by a newer rootmail. Run that version.")
                }
                return MigrationRow(migrationID: migrationID, accountID: try AccountID(account), accountName: name,
                                    currentEmail: current, newEmail: new, state: state, reason: reason,
                                    updatedAt: Date(timeIntervalSince1970: updatedAt))
            }
        }
    }

    public func update(_ row: MigrationRow) throws {
        try store.transaction { session in
            let result = try session.query("""
                UPDATE migration_row SET state = \(row.state.rawValue), reason = \(row.reason),
                    updated_at = \(row.updatedAt.timeIntervalSince1970)
                WHERE migration_id = \(row.migrationID) AND account_id = \(row.accountID.rawValue)
                """)
            guard result.metadata.rows == 1 else {
                throw RootmailError.notFound("Migration \(row.migrationID) has no row for account \(row.accountID).")
            }
            try session.changed()
        }
    }

    private static let columns = "id, name, organization_id, rule, created_by, created_at, host, os_user"

    private static func migration(_ row: PostgresRow) throws -> Migration {
        let (id, name, organization, rule, createdBy, createdAt, host, user) = try row.decode(
            (String, String, String, String, String, Double, String, String).self)
        return Migration(id: id, name: name, organizationID: organization, rule: rule, createdBy: createdBy,
                         createdAt: Date(timeIntervalSince1970: createdAt), host: host, user: user)
    }
}
