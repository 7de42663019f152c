import Foundation
import GRDB
import RootmailCore
import RootmailStore
import Testing

@Suite("Database file", .tags(.inProcess))
struct DatabaseFileTests {
    let fixture = Fixture()

    private var databaseFile: URL { fixture.directory.file(RootmailDatabase.fileName) }

    @Test("every write is synced before it returns: synchronous is FULL on the connection that writes")
    func writesAreSyncedInFull() throws {
        try fixture.directory.prepare()
        let pool = try SQLiteDatabase.open(databaseFile, migrator: DatabaseMigrator())

        let journal = try pool.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
        let writerMode = try pool.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") }
        #expect(journal == "wal")
        #expect(writerMode == 2, "PRAGMA synchronous reads \(writerMode.map(String.init) ?? "nothing"); 2 is FULL")
    }

    @Test("a damaged file is reported by name with what to do, and left as it was")
    func damagedFile() throws {
        try fixture.directory.prepare()
        let garbage = Data(String(repeating: "this is not a database; ", count: 200).utf8)
        try garbage.write(to: databaseFile)

        #expect {
            try fixture.openDatabase()
        } throws: { error in
            guard case RootmailError.storage(let message) = error else { return false }
            return message.contains(databaseFile.path) && message.contains("damaged") && message.contains("mv ")
        }
        #expect(try Data(contentsOf: databaseFile) == garbage)
        #expect(throws: RootmailError.self) {
            try EmailUpdateService.open(backend: fixture.backend, dataDirectory: fixture.directory)
        }
    }

    @Test("a file written by a newer rootmail is refused, not rewritten")
    func newerSchema() throws {
        _ = try fixture.openDatabase()
        let queue = try DatabaseQueue(path: databaseFile.path)
        try queue.write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('99 from the future')")
        }

        #expect {
            try fixture.openDatabase()
        } throws: { error in
            "\(error)".contains(databaseFile.path) && "\(error)".contains("newer version of rootmail")
        }
    }

    @Test("reopening keeps what was written")
    func reopening() throws {
        let entry = AuditEntry(at: TestClock.start, callerARN: "arn:test", organizationID: "o-exampleorg1",
                               accountID: Fixture.account, operation: "AcceptPrimaryEmailUpdate",
                               oldEmail: "a@example.com", newEmail: "b@example.com", result: "ACCEPTED")
        try fixture.openDatabase().auditLog.append(entry)

        #expect(try fixture.openDatabase().auditLog.recentEntries(limit: 5) == [entry])
    }
}
