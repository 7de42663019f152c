import Foundation
import PostgresNIO
import RootmailCore

/// The schema's history on PostgreSQL: a version, once released, is never changed, as team
/// databases hold it at each step. Its tables hold what the SQLite store's do, with the same names.
enum PostgresSchema {
    /// Every rootmail process takes this session lock before it reads the version, so that of
    /// hosts starting at once, one migrates and the others find the schema current.
    static let migrationLockKey: Int64 = 0x726F_6F74_6D61_696C  // "rootmail"

    /// Dates are seconds since 1970 (double precision) so that they read back exactly as written.
    static let versions: [String] = [
        """
        CREATE TABLE pending_update (
            sequence BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            organization_id TEXT NOT NULL,
            account_id TEXT NOT NULL,
            account_name TEXT NOT NULL,
            previous_email TEXT,
            new_email TEXT NOT NULL,
            started_at DOUBLE PRECISION NOT NULL,
            expires_at DOUBLE PRECISION NOT NULL,
            started_by TEXT NOT NULL,
            phase TEXT NOT NULL,
            failed_attempts INTEGER NOT NULL,
            owner_pid INTEGER NOT NULL,
            updated_at DOUBLE PRECISION NOT NULL
        );
        CREATE INDEX pending_update_by_account ON pending_update (organization_id, account_id);
        CREATE TABLE audit_entry (
            sequence BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            at DOUBLE PRECISION NOT NULL,
            caller_arn TEXT NOT NULL,
            organization_id TEXT NOT NULL,
            account_id TEXT NOT NULL,
            operation TEXT NOT NULL,
            old_email TEXT,
            new_email TEXT,
            result TEXT NOT NULL
        );
        CREATE TABLE cached_account_list (
            backend TEXT PRIMARY KEY,
            organization_id TEXT NOT NULL,
            fetched_at DOUBLE PRECISION NOT NULL,
            account_count BIGINT NOT NULL
        );
        CREATE TABLE cached_account (
            backend TEXT NOT NULL,
            position BIGINT NOT NULL,
            id TEXT NOT NULL,
            arn TEXT NOT NULL,
            name TEXT NOT NULL,
            email TEXT NOT NULL,
            state TEXT NOT NULL,
            joined_method TEXT NOT NULL,
            joined_at DOUBLE PRECISION NOT NULL,
            PRIMARY KEY (backend, position)
        );
        CREATE TABLE migration (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            organization_id TEXT NOT NULL,
            rule TEXT NOT NULL,
            created_by TEXT NOT NULL,
            created_at DOUBLE PRECISION NOT NULL,
            host TEXT NOT NULL,
            os_user TEXT NOT NULL
        );
        CREATE TABLE migration_row (
            migration_id TEXT NOT NULL REFERENCES migration (id),
            position BIGINT NOT NULL,
            account_id TEXT NOT NULL,
            account_name TEXT NOT NULL,
            current_email TEXT,
            new_email TEXT,
            state TEXT NOT NULL,
            reason TEXT,
            updated_at DOUBLE PRECISION NOT NULL,
            PRIMARY KEY (migration_id, position),
            UNIQUE (migration_id, account_id)
        );
        CREATE TABLE rootmail_change (count BIGINT NOT NULL);
        INSERT INTO rootmail_change VALUES (0);
        """,
        // Who and where; rows of version 1 keep empty values.
        """
        ALTER TABLE pending_update ADD COLUMN host TEXT NOT NULL DEFAULT '';
        ALTER TABLE pending_update ADD COLUMN os_user TEXT NOT NULL DEFAULT '';
        ALTER TABLE audit_entry ADD COLUMN host TEXT NOT NULL DEFAULT '';
        ALTER TABLE audit_entry ADD COLUMN os_user TEXT NOT NULL DEFAULT '';
        ALTER TABLE audit_entry ADD COLUMN process_id INTEGER NOT NULL DEFAULT 0;
        """,
    ]

    static var currentVersion: Int { versions.count }

    /// The statements of a version, one at a time: postgres-nio's extended protocol takes one
    /// statement per query (the versions hold no `;` inside a statement).
    static func statements(of version: String) -> [String] {
        version.split(separator: ";").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    }

    /// Applies the versions the database lacks, each in its own transaction with its number, under
    /// the advisory lock; refuses a database of a newer rootmail.
    static func migrate(_ store: PostgresStore) throws(RootmailError) {
        try store.withSession { session in
            try session.query("SELECT pg_advisory_lock(\(migrationLockKey))")
            defer { _ = try? session.query("SELECT pg_advisory_unlock(\(migrationLockKey))") }
            try session.execute("CREATE TABLE IF NOT EXISTS rootmail_schema (version INTEGER NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())")
            let found = try session.query("SELECT coalesce(max(version), 0) FROM rootmail_schema").first?.decode(Int.self) ?? 0
            guard found <= currentVersion else {
                throw RootmailError.storage("The store \(store.url) has schema version \(found), written by a newer "
                    + "rootmail; this one knows versions up to \(currentVersion). Upgrade rootmail on this host.")
            }
            for index in found..<currentVersion {
                try session.execute("BEGIN")
                do {
                    for statement in statements(of: versions[index]) { try session.execute(statement) }
                    try session.query("INSERT INTO rootmail_schema (version) VALUES (\(index + 1))")
                    try session.execute("COMMIT")
                } catch {
                    _ = try? session.execute("ROLLBACK")
                    throw error
                }
            }
        }
    }
}
