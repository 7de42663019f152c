import Foundation
import GRDB
import RootmailCore
import RootmailPostgres
import RootmailStore
import Testing

/// The engines a store test runs on: the SQLite file of a data directory, and a database of the
/// tests' own PostgreSQL server.
enum Engine: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgresql

    var testDescription: String { rawValue }
}

/// The stores of one engine, as one rootmail process opens them.
struct Stores {
    let pendingUpdates: any PendingUpdateStore
    let auditLog: any AuditLog
    let migrations: any MigrationStore
    let accountListCache: any AccountListCache
    let changeSignal: any StoreChangeSignal
    /// How the store names itself in messages: its file, or its URL.
    let name: String
}

/// A fresh data directory in the temporary folder, a scripted backend and a test clock.
/// Services made from it stand for rootmail processes sharing the data directory, or, on
/// PostgreSQL, hosts sharing a database of the tests' server.
final class Fixture: Sendable {
    let directory: DataDirectory
    let engine: Engine
    /// The database's URL on PostgreSQL.
    let storeURL: String?
    let backend = ScriptedBackend()
    let clock = TestClock()

    static let account = try! AccountID("222222222222")
    static let oldEmail = "sandbox@example.com"
    static let newEmail = try! EmailAddress("sandbox-root@example.net")

    convenience init() {
        try! self.init(engine: .sqlite)
    }

    init(engine: Engine) throws {
        self.engine = engine
        if engine == .postgresql {
            let server = try TestPostgres.shared()
            storeURL = server.url(database: try server.makeDatabase())
        } else {
            storeURL = nil
        }
        directory = DataDirectory(url: FileManager.default.temporaryDirectory
            .appendingPathComponent("rootmail-tests-\(UUID().uuidString)", isDirectory: true)
            .appendingPathComponent("data", isDirectory: true))
        backend.setPrimaryEmail(try! EmailAddress(Self.oldEmail), of: Self.account)
    }

    deinit {
        try? FileManager.default.removeItem(at: directory.url.deletingLastPathComponent())
    }

    /// A connection to the data directory as another process would open it.
    func openDatabase() throws -> RootmailDatabase { try RootmailDatabase(dataDirectory: directory) }

    /// The engine's stores on a connection of their own, as another process opens them.
    func openStores() throws -> Stores {
        switch engine {
        case .sqlite:
            let database = try openDatabase()
            return Stores(pendingUpdates: database.pendingUpdates, auditLog: database.auditLog,
                          migrations: database.migrations, accountListCache: database.accountListCache,
                          changeSignal: database, name: RootmailDatabase.fileName)
        case .postgresql:
            let url = try PostgresStoreURL(try #require(storeURL))
            let store = try PostgresStore(url: url, password: try TestPostgres.shared().password)
            return Stores(pendingUpdates: store.pendingUpdates, auditLog: store.auditLog, migrations: store.migrations,
                          accountListCache: store.accountListCache, changeSignal: store, name: url.description)
        }
    }

    /// A service as one rootmail process would build it.
    func service(processID: Int32 = 4100, isProcessAlive: @escaping @Sendable (Int32) -> Bool = { _ in true },
                 throttleBackoff: ThrottleBackoff = ThrottleBackoff(maxAttempts: 1)) throws -> EmailUpdateService {
        let stores = try openStores()
        return EmailUpdateService(backend: backend, store: stores.pendingUpdates, audit: stores.auditLog,
                                  accountListCache: stores.accountListCache, now: clock.function, processID: processID,
                                  isProcessAlive: isProcessAlive, throttleBackoff: throttleBackoff)
    }

    /// What another process reading the store sees.
    func openUpdatesSeenElsewhere() throws -> [PendingUpdate] {
        try openStores().pendingUpdates.openUpdates(organizationID: nil)
    }

    @discardableResult
    func startUpdate(with service: EmailUpdateService, to newEmail: EmailAddress = Fixture.newEmail) async throws
        -> PendingUpdate {
        try await service.startUpdate(account: Self.account, accountName: "Sandbox", to: newEmail,
                                      currentEmail: Self.oldEmail)
    }

    /// Every text and blob of every table, read as any SQLite reader would.
    func everyStoredValue() throws -> [String] {
        let queue = try DatabaseQueue(path: directory.file(RootmailDatabase.fileName).path)
        return try queue.read { db in
            let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
            return try tables.flatMap { table in
                try Row.fetchAll(db, sql: "SELECT * FROM \(table.quotedDatabaseIdentifier)").flatMap { row in
                    row.databaseValues.compactMap { value -> String? in
                        switch value.storage {
                        case .string(let text): text
                        case .blob(let data): String(decoding: data, as: UTF8.self)
                        case .int64(let number): String(number)
                        case .double(let number): String(number)
                        case .null: nil
                        }
                    }
                }
            }
        }
    }

    /// The raw bytes of every file in the data directory (database, WAL, shared memory).
    func everyFileContainsNone(of text: String) throws -> Bool {
        let files = try FileManager.default.contentsOfDirectory(at: directory.url, includingPropertiesForKeys: nil)
        return try files.allSatisfy { try Data(contentsOf: $0).range(of: Data(text.utf8)) == nil }
    }
}
