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

    private static var migrator: DatabaseMigrator {
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
        return migrator
    }
}
