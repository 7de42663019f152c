import Foundation
import GRDB
import RootmailCore
import RootmailStore

/// A fresh data directory in the temporary folder, a scripted backend and a test clock.
/// Services made from it stand for rootmail processes sharing the data directory.
final class Fixture: Sendable {
    let directory: DataDirectory
    let backend = ScriptedBackend()
    let clock = TestClock()

    static let account = try! AccountID("222222222222")
    static let oldEmail = "sandbox@example.com"
    static let newEmail = try! EmailAddress("sandbox-root@example.net")

    init() {
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

    /// A service as one rootmail process would build it.
    func service(processID: Int32 = 4100, isProcessAlive: @escaping @Sendable (Int32) -> Bool = { _ in true },
                 throttleBackoff: ThrottleBackoff = ThrottleBackoff(maxAttempts: 1)) throws -> EmailUpdateService {
        let database = try openDatabase()
        return EmailUpdateService(backend: backend, store: database.pendingUpdates, audit: database.auditLog,
                                  accountListCache: database.accountListCache, now: clock.function, processID: processID,
                                  isProcessAlive: isProcessAlive, throttleBackoff: throttleBackoff)
    }

    /// What another process reading the data directory sees.
    func openUpdatesSeenElsewhere() throws -> [PendingUpdate] {
        try openDatabase().pendingUpdates.openUpdates(organizationID: nil)
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
