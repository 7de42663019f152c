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
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        // Files are created by SQLite; a umask keeps them private from the first byte.
        let previousMask = umask(0o077)
        defer { umask(previousMask) }
        do {
            let pool = try DatabasePool(path: url.path, configuration: configuration)
            try migrator.migrate(pool)
            for suffix in ["", "-wal", "-shm"] {
                let path = url.path + suffix
                if FileManager.default.fileExists(atPath: path) {
                    try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
                }
            }
            return pool
        } catch {
            throw .storage("Cannot open the database \(url.path): \(error). "
                + "If the file is damaged, move it aside; rootmail creates a new one.")
        }
    }
}
