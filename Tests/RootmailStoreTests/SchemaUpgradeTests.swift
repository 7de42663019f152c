import Foundation
import GRDB
import RootmailCore
@testable import RootmailStore
import Testing

/// Data directories written by an earlier rootmail keep working: their `rootmail.sqlite` is built
/// here by the migrations that rootmail ran (its schema's history) and filled by the statements
/// it used, then opened by today's code.
@Suite("Schema upgrade")
struct SchemaUpgradeTests {
    let fixture = Fixture()

    private var databaseFile: URL { fixture.directory.file(RootmailDatabase.fileName) }

    /// The file as a rootmail whose last migration was `lastMigration` left it (WAL, as every
    /// rootmail file), with rows written as that rootmail wrote them.
    private func writeFile(upTo lastMigration: String, _ rows: (Database) throws -> Void) throws {
        try fixture.directory.prepare()
        let pool = try DatabasePool(path: databaseFile.path)
        try RootmailDatabase.migrator.migrate(pool, upTo: lastMigration)
        try pool.write(rows)
    }

    // The statements of the rootmail before the snake_case names, values bound in their order.

    private static func insertAsBefore(_ update: PendingUpdate, in db: Database) throws {
        try db.execute(sql: """
            INSERT INTO pendingUpdate (id, organizationID, accountID, accountName, previousEmail, newEmail,
                startedAt, expiresAt, startedBy, phase, failedAttempts, ownerPID, updatedAt)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [
                update.id, update.organizationID, update.accountID.rawValue, update.accountName, update.previousEmail,
                update.newEmail.rawValue, update.startedAt.timeIntervalSince1970,
                update.expiresAt.timeIntervalSince1970, update.startedBy, update.phase.rawValue,
                update.failedAttempts, update.ownerPID, update.updatedAt.timeIntervalSince1970,
            ])
    }

    private static func insertAsBefore(_ entry: AuditEntry, in db: Database) throws {
        try db.execute(sql: """
            INSERT INTO auditEntry (at, callerARN, organizationID, accountID, operation, oldEmail, newEmail, result)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [
                entry.at.timeIntervalSince1970, entry.callerARN, entry.organizationID, entry.accountID.rawValue,
                entry.operation, entry.oldEmail, entry.newEmail, entry.result,
            ])
    }

    private static func insertAsBefore(_ list: CachedAccountList, backend: String, in db: Database) throws {
        for (position, account) in list.accounts.enumerated() {
            try db.execute(sql: """
                INSERT INTO cachedAccount (backend, position, id, arn, name, email, state, joinedMethod, joinedAt)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [
                    backend, position, account.id.rawValue, account.arn, account.name, account.email,
                    account.state.rawValue, account.joinedMethod.rawValue, account.joinedAt.timeIntervalSince1970,
                ])
        }
        try db.execute(sql: """
            INSERT INTO cachedAccountList (backend, organizationID, fetchedAt, accountCount) VALUES (?, ?, ?, ?)
            """, arguments: [backend, list.organizationID, list.fetchedAt.timeIntervalSince1970, list.accounts.count])
    }

    private static func update(_ account: String, _ phase: PendingUpdate.Phase, organization: String = "o-exampleorg1",
                               previousEmail: String? = "old@example.com",
                               minutesAfterStart minutes: Double) -> PendingUpdate {
        let startedAt = TestClock.start.addingTimeInterval(minutes * 60 + 0.123_456)
        return PendingUpdate(
            organizationID: organization, accountID: try! AccountID(account), accountName: "Zürich Analytics 東京 \(account)",
            previousEmail: previousEmail, newEmail: try! EmailAddress("Root+\(account)@Example.com"),
            startedAt: startedAt, expiresAt: startedAt.addingTimeInterval(AWSMessages.codeLifetime),
            startedBy: "arn:aws:iam::111111111111:user/ann", phase: phase, failedAttempts: minutes > 2 ? 2 : 0,
            ownerPID: phase == .starting || phase == .accepting ? 4242 : 0,
            updatedAt: startedAt.addingTimeInterval(1.5))
    }

    /// A finished update, then one in every open phase, across two organizations.
    static let updates: [PendingUpdate] = [
        update("222222222222", .completed, minutesAfterStart: 0),
        update("222222222222", .pending, minutesAfterStart: 1),
        update("333333333333", .accepting, previousEmail: nil, minutesAfterStart: 2),
        update("444444444444", .expired, organization: "o-otherorg123", minutesAfterStart: 3),
        update("555555555555", .starting, minutesAfterStart: 4),
        update("666666666666", .voided, minutesAfterStart: 5),
        update("777777777777", .discarded, minutesAfterStart: 6),
    ]

    static let entries: [AuditEntry] = updates.enumerated().map { index, update in
        AuditEntry(at: update.startedAt, callerARN: update.startedBy, organizationID: update.organizationID,
                   accountID: update.accountID, operation: "StartPrimaryEmailUpdate",
                   oldEmail: update.previousEmail, newEmail: index == 3 ? nil : update.newEmail.rawValue,
                   result: index == 4 ? "ConflictException: " + AWSMessages.emailInUse : "PENDING")
    }

    static let otherList = AccountListCacheTests.list(Array(AccountListCacheTests.accounts.prefix(2)),
                                                      organizationID: "o-otherorg123", hoursBeforeStart: 50)

    @Test("a file of the rootmail before the snake_case names keeps every pending update, audit entry and cached list")
    func fromCamelCaseNames() throws {
        try writeFile(upTo: "2 cached account lists") { db in
            for update in Self.updates { try Self.insertAsBefore(update, in: db) }
            for entry in Self.entries { try Self.insertAsBefore(entry, in: db) }
            try Self.insertAsBefore(AccountListCacheTests.list(), backend: AccountListCacheTests.embedded, in: db)
            try Self.insertAsBefore(Self.otherList, backend: AccountListCacheTests.aws, in: db)
        }

        let database = try fixture.openDatabase()

        let open = Self.updates.filter(\.isOpen)
        #expect(try database.pendingUpdates.openUpdates(organizationID: nil) == open, "all open ones, oldest first")
        #expect(try database.pendingUpdates.openUpdates(organizationID: "o-otherorg123") == [Self.updates[3]])
        #expect(try database.pendingUpdates.openUpdate(organizationID: "o-exampleorg1",
                                                       accountID: AccountID("222222222222")) == Self.updates[1])
        #expect(try database.auditLog.recentEntries(limit: 100) == Self.entries.reversed(), "newest first")
        #expect(try database.accountListCache.accountList(backend: AccountListCacheTests.embedded)
            == AccountListCacheTests.list())
        #expect(try database.accountListCache.accountList(backend: AccountListCacheTests.aws) == Self.otherList)
    }

    @Test("an upgraded file takes new writes after its old rows, in order, a change with its entry")
    func writesAfterUpgrade() throws {
        try writeFile(upTo: "2 cached account lists") { db in
            for update in Self.updates { try Self.insertAsBefore(update, in: db) }
            for entry in Self.entries { try Self.insertAsBefore(entry, in: db) }
            try Self.insertAsBefore(AccountListCacheTests.list(), backend: AccountListCacheTests.embedded, in: db)
        }
        let database = try fixture.openDatabase()
        var accepted = Self.updates[1]
        accepted.phase = .completed
        let entry = AuditEntry(at: TestClock.start.addingTimeInterval(3600), callerARN: accepted.startedBy,
                               organizationID: accepted.organizationID, accountID: accepted.accountID,
                               operation: "AcceptPrimaryEmailUpdate", oldEmail: accepted.previousEmail,
                               newEmail: accepted.newEmail.rawValue, result: "ACCEPTED")
        let newer = Self.update("888888888888", .pending, minutesAfterStart: 60)

        try database.pendingUpdates.update([accepted], auditing: entry)
        try database.pendingUpdates.insert(newer)
        try database.accountListCache.replaceAccountList(Self.otherList, backend: AccountListCacheTests.embedded)

        let reopened = try fixture.openDatabase()
        #expect(try reopened.pendingUpdates.openUpdates(organizationID: nil)
            == Self.updates.filter(\.isOpen).filter { $0.id != accepted.id } + [newer])
        #expect(try reopened.auditLog.recentEntries(limit: 2) == [entry, Self.entries.last!])
        #expect(try reopened.accountListCache.accountList(backend: AccountListCacheTests.embedded) == Self.otherList)
    }

    @Test("an upgraded file keeps its constraints: a cached value of the wrong type or a second id is refused")
    func constraintsKept() throws {
        try writeFile(upTo: "2 cached account lists") { db in
            try Self.insertAsBefore(Self.updates[1], in: db)
            try Self.insertAsBefore(AccountListCacheTests.list(), backend: AccountListCacheTests.embedded, in: db)
        }
        let database = try fixture.openDatabase()

        #expect(throws: RootmailError.self) { try database.pendingUpdates.insert(Self.updates[1]) }
        let queue = try DatabaseQueue(path: databaseFile.path)
        #expect(throws: DatabaseError.self) {
            try queue.write { try $0.execute(sql: "UPDATE cached_account SET joined_at = 'yesterday'") }
        }
        #expect(throws: DatabaseError.self) {
            try queue.write { try $0.execute(sql: "UPDATE cached_account_list SET fetched_at = 'an hour ago'") }
        }
        #expect(try database.accountListCache.accountList(backend: AccountListCacheTests.embedded)
            == AccountListCacheTests.list())
    }

    @Test("a file from before the cache gains it and keeps its pending updates")
    func fromBeforeTheCache() async throws {
        try writeFile(upTo: "1 pending updates and audit log") { db in
            try Self.insertAsBefore(Self.updates[1], in: db)
            try Self.insertAsBefore(Self.entries[1], in: db)
        }

        let service = try fixture.service()
        #expect(try fixture.openUpdatesSeenElsewhere() == [Self.updates[1]])
        #expect(try service.auditEntries() == [Self.entries[1]])
        try await service.replaceCachedAccountList(with: AccountListCacheTests.accounts)
        #expect(try service.cachedAccountList()?.accounts == AccountListCacheTests.accounts)
    }

    @Test("every table, column and index, new or upgraded, is named in snake_case")
    func oneNamingConvention() throws {
        try writeFile(upTo: "2 cached account lists") { _ in }
        _ = try fixture.openDatabase()
        let fresh = Fixture()
        _ = try fresh.openDatabase()

        for file in [databaseFile, fresh.directory.file(RootmailDatabase.fileName)] {
            let names = try DatabaseQueue(path: file.path).read { db in
                let objects = try String.fetchAll(db, sql: """
                    SELECT name FROM sqlite_master
                    WHERE name NOT LIKE 'sqlite_%' AND name NOT LIKE 'grdb_%'
                    """)
                let columns = try objects.flatMap { name in
                    try String.fetchAll(db, sql: "SELECT name FROM pragma_table_info(?)", arguments: [name])
                }
                return objects + columns
            }
            #expect(Set(names).isSuperset(of: ["pending_update", "audit_entry", "cached_account_list",
                                               "cached_account", "organization_id", "joined_at"]))
            #expect(names.filter { $0.contains(where: \.isUppercase) } == [], "\(file.path)")
        }
    }
}
