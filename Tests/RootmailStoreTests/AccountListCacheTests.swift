import Foundation
import GRDB
import RootmailCore
import RootmailStore
import Testing

@Suite("Account list cache", .tags(.inProcess))
struct AccountListCacheTests {
    let fixture = Fixture()

    static let embedded = "embedded (/home/ann/.local/share/rootmail)"
    static let aws = "aws (region eu-west-1, profile \"prod\", http://127.0.0.1:4566)"

    static func account(_ id: String, _ name: String, _ state: AccountState = .active,
                        joined: JoinedMethod = .created, daysBeforeStart: Double = 100) -> Account {
        Account(id: try! AccountID(id), arn: "arn:aws:organizations::111111111111:account/o-exampleorg1/\(id)",
                name: name, email: "Root+\(id)@Example.com", state: state, joinedMethod: joined,
                joinedAt: TestClock.start.addingTimeInterval(-daysBeforeStart * 86_400 + 0.123_456))
    }

    /// Every state and joined method, names in several scripts, not in any sorted order.
    static let accounts: [Account] = [
        account("333333333333", "東京 Sandbox", daysBeforeStart: 300),
        account("111111111111", "Management", joined: .invited, daysBeforeStart: 2000),
        account("222222222222", "Zürich Analytics", .pendingActivation),
        account("555555555555", "Legacy Billing", .suspended, joined: .invited),
        account("444444444444", "Payments 💳 Production", .pendingClosure),
        account("888888888888", "Closed Experiment", .closed, daysBeforeStart: 1.5),
    ]

    static func list(_ accounts: [Account] = accounts, organizationID: String = "o-exampleorg1",
                     hoursBeforeStart: Double = 3) -> CachedAccountList {
        CachedAccountList(organizationID: organizationID,
                          fetchedAt: TestClock.start.addingTimeInterval(-hoursBeforeStart * 3600 + 0.25),
                          accounts: accounts)
    }

    private var databaseFile: URL { fixture.directory.file(RootmailDatabase.fileName) }

    /// Changes the file as any SQLite writer could, behind rootmail's back.
    private func tamper(_ sql: String) throws {
        let queue = try DatabaseQueue(path: databaseFile.path)
        try queue.write { try $0.execute(sql: sql) }
    }

    @Test("a screen of a list reads first, by name regardless of ASCII case, then ID", arguments: Engine.allCases)
    func headByName(engine: Engine) throws {
        let fixture = try Fixture(engine: engine)
        let lowercaseTwin = Self.account("777777777777", "legacy billing")
        try fixture.openStores().accountListCache.replaceAccountList(Self.list(Self.accounts + [lowercaseTwin]),
                                                                      backend: Self.embedded)

        let cache = try fixture.openStores().accountListCache
        let head = try #require(try cache.accountListHead(backend: Self.embedded, count: 3))
        #expect(head.accounts.map(\.name) == ["Closed Experiment", "Legacy Billing", "legacy billing"])
        #expect(head.accounts[1] == Self.accounts[3], "every field as written")
        #expect(head.organizationID == Self.list().organizationID && head.fetchedAt == Self.list().fetchedAt)
        let whole = try #require(try cache.accountListHead(backend: Self.embedded, count: 50))
        #expect(whole.accounts.count == 7)
        #expect(try cache.accountListHead(backend: Self.aws, count: 3) == nil)
    }

    @Test("a list reads back exactly as written, per backend, from another connection", arguments: Engine.allCases)
    func roundTrip(engine: Engine) throws {
        let fixture = try Fixture(engine: engine)
        let awsList = Self.list(Array(Self.accounts.prefix(2)), organizationID: "o-otherorg123", hoursBeforeStart: 50)
        try fixture.openStores().accountListCache.replaceAccountList(Self.list(), backend: Self.embedded)
        try fixture.openStores().accountListCache.replaceAccountList(awsList, backend: Self.aws)

        let cache = try fixture.openStores().accountListCache
        let read = try #require(try cache.accountList(backend: Self.embedded))
        #expect(read == Self.list())
        #expect(read.accounts.map(\.name) == Self.accounts.map(\.name), "in listing order")
        #expect(read.accounts.first?.joinedAt == Self.accounts.first?.joinedAt)
        #expect(try cache.accountList(backend: Self.aws) == awsList)
        #expect(try cache.accountList(backend: "aws (region us-east-1, profile \"prod\")") == nil)
    }

    @Test("storing replaces the backend's list whole, whatever its organization; other backends keep theirs")
    func replacing() throws {
        let cache = try fixture.openDatabase().accountListCache
        try cache.replaceAccountList(Self.list(), backend: Self.embedded)
        try cache.replaceAccountList(Self.list(), backend: Self.aws)
        let smaller = Self.list(Array(Self.accounts.suffix(2)), organizationID: "o-neworg45678", hoursBeforeStart: 0)

        try cache.replaceAccountList(smaller, backend: Self.embedded)

        #expect(try cache.accountList(backend: Self.embedded) == smaller)
        #expect(try cache.accountList(backend: Self.aws) == Self.list())
        let queue = try DatabaseQueue(path: databaseFile.path)
        #expect(try queue.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM cached_account") } == 2 + 6,
                "no row of the replaced list is left")
    }

    @Test("removing forgets a list only when it is of the organization named", arguments: Engine.allCases)
    func removing(engine: Engine) throws {
        let fixture = try Fixture(engine: engine)
        let cache = try fixture.openStores().accountListCache
        try cache.replaceAccountList(Self.list(), backend: Self.embedded)

        try cache.removeAccountList(backend: Self.embedded, organizationID: "o-otherorg123")
        #expect(try cache.accountList(backend: Self.embedded) == Self.list())
        try cache.removeAccountList(backend: Self.embedded, organizationID: "o-exampleorg1")
        #expect(try cache.accountList(backend: Self.embedded) == nil)
    }

    @Test("the service keeps a listing under its backend and the session's organization, when it was fetched",
          arguments: Engine.allCases)
    func throughTheService(engine: Engine) async throws {
        let fixture = try Fixture(engine: engine)
        let service = try fixture.service()
        #expect(try service.cachedAccountList() == nil)

        try await service.replaceCachedAccountList(with: Self.accounts)

        let expected = CachedAccountList(organizationID: ScriptedBackend.organization.id, fetchedAt: fixture.clock.now,
                                         accounts: Self.accounts)
        #expect(service.accountListCacheKey == "scripted (in-test)")
        #expect(try fixture.openStores().accountListCache.accountList(backend: "scripted (in-test)") == expected)
        #expect(try fixture.service().cachedAccountList() == expected, "another process reads it")
        try service.forgetCachedAccountList(organizationID: ScriptedBackend.organization.id)
        #expect(try service.cachedAccountList() == nil)
    }

    @Test("a damaged list is refused whole, with the file named, and the next listing replaces it", arguments: [
        "UPDATE cached_account SET id = '12345' WHERE backend = 'scripted (in-test)' AND position = 1",
        "UPDATE cached_account SET state = 'EXPLODED' WHERE backend = 'scripted (in-test)' AND position = 0",
        "UPDATE cached_account SET joined_method = '' WHERE backend = 'scripted (in-test)' AND position = 5",
        "DELETE FROM cached_account WHERE backend = 'scripted (in-test)' AND position = 2",
        "UPDATE cached_account_list SET account_count = 7 WHERE backend = 'scripted (in-test)'",
    ])
    func damagedList(damage: String) async throws {
        let service = try fixture.service()
        try await service.replaceCachedAccountList(with: Self.accounts)
        try fixture.openDatabase().accountListCache.replaceAccountList(Self.list(), backend: Self.aws)
        try tamper(damage)

        #expect {
            try service.cachedAccountList()
        } throws: { error in
            guard case RootmailError.storage(let message) = error else { return false }
            return message.hasPrefix("The cached account list in \(databaseFile.path) cannot be read: ")
        }
        #expect(try fixture.openDatabase().accountListCache.accountList(backend: Self.aws) == Self.list(),
                "another backend's list is still good")
        try await service.replaceCachedAccountList(with: Array(Self.accounts.prefix(3)))
        #expect(try service.cachedAccountList()?.accounts == Array(Self.accounts.prefix(3)))
    }

    @Test("a cache that cannot be read at all is reported, not a crash")
    func unreadable() async throws {
        let service = try fixture.service()
        try await service.replaceCachedAccountList(with: Self.accounts)
        try tamper("DROP TABLE cached_account")

        #expect {
            try service.cachedAccountList()
        } throws: { error in
            guard case RootmailError.storage(let message) = error else { return false }
            return message.contains(databaseFile.path) && message.contains("cached_account")
        }
    }

    @Test("a value of the wrong type cannot be stored, so none reads back as a plausible date")
    func strictTypes() throws {
        try fixture.openDatabase().accountListCache.replaceAccountList(Self.list(), backend: Self.embedded)

        #expect(throws: DatabaseError.self) {
            try tamper("UPDATE cached_account SET joined_at = 'yesterday' WHERE position = 0")
        }
        #expect(throws: DatabaseError.self) {
            try tamper("UPDATE cached_account_list SET fetched_at = 'an hour ago'")
        }
        #expect(try fixture.openDatabase().accountListCache.accountList(backend: Self.embedded) == Self.list())
    }

    @Test("with a cached list the files stay private: 0600 in a 0700 folder")
    func filesStayPrivate() throws {
        // Open while looking, as a running console holds it: closing the last connection removes the WAL.
        let database = try fixture.openDatabase()
        defer { withExtendedLifetime(database) {} }
        try database.accountListCache.replaceAccountList(Self.list(), backend: Self.embedded)

        #expect(try mode(of: fixture.directory.url) == 0o700)
        let files = try FileManager.default.contentsOfDirectory(atPath: fixture.directory.path)
        #expect(files.contains("rootmail.sqlite-wal"))
        for file in files {
            #expect(try mode(of: fixture.directory.file(file)) == 0o600, "\(file)")
        }
    }

    private func mode(of url: URL) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
        return (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }
}
