import Foundation
import GRDB
import RootmailCore

/// rootmail's own state, `rootmail.sqlite` in the data directory: the updates it started, the
/// audit log, and the last complete account list of each backend. Several processes may open
/// the same file at once; each write is committed (and synced) before the call that made it
/// returns. No column holds a one-time code.
public final class RootmailDatabase: StoreChangeSignal {
    public static let fileName = "rootmail.sqlite"

    public let file: URL
    private let pool: DatabasePool

    /// Creates the data directory and the database if needed and brings the schema up to date.
    public init(dataDirectory: DataDirectory) throws(RootmailError) {
        try dataDirectory.prepare()
        file = dataDirectory.file(Self.fileName)
        pool = try SQLiteDatabase.open(file, migrator: Self.migrator)
    }

    public var pendingUpdates: SQLitePendingUpdateStore { SQLitePendingUpdateStore(database: self) }
    public var auditLog: SQLiteAuditLog { SQLiteAuditLog(database: self) }
    public var accountListCache: SQLiteAccountListCache { SQLiteAccountListCache(database: self) }
    public var migrations: SQLiteMigrationStore { SQLiteMigrationStore(database: self) }

    func write<T>(_ body: (Database) throws -> T) throws(RootmailError) -> T {
        do { return try pool.write(body) } catch {
            throw failure(error, "write to")
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws(RootmailError) -> T {
        do { return try pool.read(body) } catch {
            throw failure(error, "read")
        }
    }

    /// SQLite's `data_version` of the writer connection: one pragma, no table read. Its value
    /// changes whenever another connection (another process) commits; only one connection's
    /// answers are comparable, hence the writer, the one connection a pool never changes.
    public func changeCount() throws -> Int {
        do {
            return try pool.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA data_version") ?? 0 }
        } catch {
            throw failure(error, "read")
        }
    }

    private func failure(_ error: any Error, _ action: String) -> RootmailError {
        if let error = error as? RootmailError { return error }
        return .storage("Cannot \(action) the database \(file.path): \(error). "
            + "Check that the disk is not full and the file is yours; if it is damaged, move it aside "
            + "and run rootmail again (pending updates recorded in it are then forgotten).")
    }

    /// The schema's history: a migration, once released, is never changed, as data directories
    /// hold files at each step of it.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("1 pending updates and audit log") { db in
            // Dates are seconds since 1970 (REAL) so that they read back exactly as written.
            try db.execute(sql: """
                CREATE TABLE pendingUpdate (
                    sequence INTEGER PRIMARY KEY AUTOINCREMENT,
                    id TEXT NOT NULL UNIQUE,
                    organizationID TEXT NOT NULL,
                    accountID TEXT NOT NULL,
                    accountName TEXT NOT NULL,
                    previousEmail TEXT,
                    newEmail TEXT NOT NULL,
                    startedAt REAL NOT NULL,
                    expiresAt REAL NOT NULL,
                    startedBy TEXT NOT NULL,
                    phase TEXT NOT NULL,
                    failedAttempts INTEGER NOT NULL,
                    ownerPID INTEGER NOT NULL,
                    updatedAt REAL NOT NULL
                );
                CREATE INDEX pendingUpdateByAccount ON pendingUpdate (organizationID, accountID);
                CREATE TABLE auditEntry (
                    sequence INTEGER PRIMARY KEY AUTOINCREMENT,
                    at REAL NOT NULL,
                    callerARN TEXT NOT NULL,
                    organizationID TEXT NOT NULL,
                    accountID TEXT NOT NULL,
                    operation TEXT NOT NULL,
                    oldEmail TEXT,
                    newEmail TEXT,
                    result TEXT NOT NULL
                );
                """)
        }
        migrator.registerMigration("2 cached account lists") { db in
            // STRICT: a value of the wrong type is refused on the way in, so that a damaged date
            // or count cannot read back later as a plausible one.
            try db.execute(sql: """
                CREATE TABLE cachedAccountList (
                    backend TEXT PRIMARY KEY,
                    organizationID TEXT NOT NULL,
                    fetchedAt REAL NOT NULL,
                    accountCount INTEGER NOT NULL
                ) STRICT;
                CREATE TABLE cachedAccount (
                    backend TEXT NOT NULL,
                    position INTEGER NOT NULL,
                    id TEXT NOT NULL,
                    arn TEXT NOT NULL,
                    name TEXT NOT NULL,
                    email TEXT NOT NULL,
                    state TEXT NOT NULL,
                    joinedMethod TEXT NOT NULL,
                    joinedAt REAL NOT NULL,
                    PRIMARY KEY (backend, position)
                ) STRICT;
                """)
        }
        migrator.registerMigration("3 snake_case names") { db in
            // The names of embedded-organization.sqlite's convention. Renaming in place keeps each
            // table as it was made (STRICT, constraints, AUTOINCREMENT's counter, the rows).
            try db.execute(sql: """
                ALTER TABLE pendingUpdate RENAME TO pending_update;
                ALTER TABLE pending_update RENAME COLUMN organizationID TO organization_id;
                ALTER TABLE pending_update RENAME COLUMN accountID TO account_id;
                ALTER TABLE pending_update RENAME COLUMN accountName TO account_name;
                ALTER TABLE pending_update RENAME COLUMN previousEmail TO previous_email;
                ALTER TABLE pending_update RENAME COLUMN newEmail TO new_email;
                ALTER TABLE pending_update RENAME COLUMN startedAt TO started_at;
                ALTER TABLE pending_update RENAME COLUMN expiresAt TO expires_at;
                ALTER TABLE pending_update RENAME COLUMN startedBy TO started_by;
                ALTER TABLE pending_update RENAME COLUMN failedAttempts TO failed_attempts;
                ALTER TABLE pending_update RENAME COLUMN ownerPID TO owner_pid;
                ALTER TABLE pending_update RENAME COLUMN updatedAt TO updated_at;
                DROP INDEX pendingUpdateByAccount;
                CREATE INDEX pending_update_by_account ON pending_update (organization_id, account_id);

                ALTER TABLE auditEntry RENAME TO audit_entry;
                ALTER TABLE audit_entry RENAME COLUMN callerARN TO caller_arn;
                ALTER TABLE audit_entry RENAME COLUMN organizationID TO organization_id;
                ALTER TABLE audit_entry RENAME COLUMN accountID TO account_id;
                ALTER TABLE audit_entry RENAME COLUMN oldEmail TO old_email;
                ALTER TABLE audit_entry RENAME COLUMN newEmail TO new_email;

                ALTER TABLE cachedAccountList RENAME TO cached_account_list;
                ALTER TABLE cached_account_list RENAME COLUMN organizationID TO organization_id;
                ALTER TABLE cached_account_list RENAME COLUMN fetchedAt TO fetched_at;
                ALTER TABLE cached_account_list RENAME COLUMN accountCount TO account_count;

                ALTER TABLE cachedAccount RENAME TO cached_account;
                ALTER TABLE cached_account RENAME COLUMN joinedMethod TO joined_method;
                ALTER TABLE cached_account RENAME COLUMN joinedAt TO joined_at;
                """)
        }
        migrator.registerMigration("4 migrations") { db in
            try db.execute(sql: """
                CREATE TABLE migration (
                    id TEXT PRIMARY KEY,
                    name TEXT NOT NULL,
                    organization_id TEXT NOT NULL,
                    rule TEXT NOT NULL,
                    created_by TEXT NOT NULL,
                    created_at REAL NOT NULL,
                    host TEXT NOT NULL,
                    os_user TEXT NOT NULL
                ) STRICT;
                CREATE TABLE migration_row (
                    migration_id TEXT NOT NULL REFERENCES migration (id),
                    position INTEGER NOT NULL,
                    account_id TEXT NOT NULL,
                    account_name TEXT NOT NULL,
                    current_email TEXT,
                    new_email TEXT,
                    state TEXT NOT NULL,
                    reason TEXT,
                    updated_at REAL NOT NULL,
                    PRIMARY KEY (migration_id, position),
                    UNIQUE (migration_id, account_id)
                ) STRICT;
                """)
        }
        migrator.registerMigration("5 who and where") { db in
            // Rows of earlier versions keep empty values: who made them was not recorded.
            try db.execute(sql: """
                ALTER TABLE pending_update ADD COLUMN host TEXT NOT NULL DEFAULT '';
                ALTER TABLE pending_update ADD COLUMN os_user TEXT NOT NULL DEFAULT '';
                ALTER TABLE audit_entry ADD COLUMN host TEXT NOT NULL DEFAULT '';
                ALTER TABLE audit_entry ADD COLUMN os_user TEXT NOT NULL DEFAULT '';
                ALTER TABLE audit_entry ADD COLUMN process_id INTEGER NOT NULL DEFAULT 0;
                """)
        }
        return migrator
    }
}
