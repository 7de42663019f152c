import Foundation
import GRDB
import RootmailCore

/// Opens SQLite files in the data directory the way every rootmail file is opened: WAL so that
/// readers never block the writer, a busy timeout so that two processes (two SSH sessions)
/// wait for each other instead of failing, full sync so a finished write survives a crash,
/// and files readable by the user alone.
public enum SQLiteDatabase {
    public static let busyTimeout: TimeInterval = 10

    public static func open(_ url: URL, migrator: DatabaseMigrator) throws(RootmailError) -> DatabasePool {
        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeout)
        try createPrivately(url)
        do {
            // Switching a new file to WAL can answer "database is locked" without waiting, and GRDB
            // reads which migrations ran before it takes the write lock: two processes opening a
            // new file at once take turns under a file lock.
            let pool = try withOpeningLock(url) { () throws -> DatabasePool in
                let pool = try DatabasePool(path: url.path, configuration: configuration)
                if try pool.read({ try migrator.hasBeenSuperseded($0) }) {
                    throw RootmailError.storage(
                        "The database \(url.path) was written by a newer version of rootmail. "
                            + "Run that version, or set ROOTMAIL_HOME to another folder.")
                }
                try migrator.migrate(pool)
                // On the writer connection, the only one that writes; set here because GRDB
                // turns a WAL database to NORMAL after `prepareDatabase` runs, and NORMAL lets
                // the last commits vanish on power loss (the intent row before a code is mailed).
                try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
                return pool
            }
            // SQLite gives the -wal and -shm files the main file's mode; this covers files
            // left by an older run with a looser mode.
            for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: url.path + suffix) {
                try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: url.path + suffix)
            }
            return pool
        } catch let error as RootmailError {
            throw error
        } catch let error as DatabaseError where [.SQLITE_NOTADB, .SQLITE_CORRUPT].contains(error.resultCode) {
            throw .storage(
                "The database \(url.path) is damaged or is not a SQLite database (\(error.message ?? "\(error)")). "
                    + "Move it aside (mv '\(url.path)' '\(url.path).damaged') and run rootmail again: "
                    + "it creates a new, empty one.")
        } catch {
            throw .storage("Cannot open the database \(url.path): \(error). "
                + "Check that the data directory is yours and writable, or set ROOTMAIL_HOME to another folder.")
        }
    }

    private static func withOpeningLock<T>(_ url: URL, _ body: () throws -> T) throws -> T {
        let descriptor = Foundation.open(url.path + ".lock", O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return try body() }
        defer { close(descriptor) }
        flock(descriptor, LOCK_EX)
        defer { flock(descriptor, LOCK_UN) }
        return try body()
    }

    /// Creates the file with mode 0600 before SQLite opens it, so it is never readable by
    /// others, not even for a moment (changing the process-wide umask instead would race with
    /// other threads creating files).
    private static func createPrivately(_ url: URL) throws(RootmailError) {
        let descriptor = Foundation.open(url.path, O_CREAT | O_WRONLY | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            let reason = String(cString: strerror(errno))
            throw .storage("Cannot create the database \(url.path): \(reason). "
                + "Check that the data directory is yours and writable, or set ROOTMAIL_HOME to another folder.")
        }
        close(descriptor)
    }
}
