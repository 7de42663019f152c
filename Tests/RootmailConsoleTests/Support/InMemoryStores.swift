import Foundation
import RootmailCore
import RootmailStore
import Synchronization

/// Pending updates kept in memory, with the store protocol's ordering rules, the audit log
/// that their audited changes go to, and a change count that every write moves (as SQLite's
/// `data_version` moves for another process's commits).
final class InMemoryPendingUpdateStore: PendingUpdateStore, StoreChangeSignal {
    private let updates = Mutex<[PendingUpdate]>([])
    private let writes = Mutex(0)
    let auditLog = InMemoryAuditLog()

    func insert(_ update: PendingUpdate) throws {
        updates.withLock { $0.append(update) }
        writes.withLock { $0 += 1 }
    }

    func update(_ update: PendingUpdate) throws {
        updates.withLock { updates in
            if let index = updates.firstIndex(where: { $0.id == update.id }) { updates[index] = update }
        }
        writes.withLock { $0 += 1 }
    }

    func changeCount() throws -> Int { writes.withLock { $0 } }

    func update(_ updates: [PendingUpdate], auditing entry: AuditEntry?) throws {
        for update in updates { try self.update(update) }
        if let entry { try auditLog.append(entry) }
    }

    func openUpdates(organizationID: String?) throws -> [PendingUpdate] {
        updates.withLock { updates in
            updates.filter { $0.isOpen && (organizationID == nil || $0.organizationID == organizationID) }
                .sorted { $0.startedAt < $1.startedAt }
        }
    }

    func openUpdate(organizationID: String, accountID: AccountID) throws -> PendingUpdate? {
        try openUpdates(organizationID: organizationID).last { $0.accountID == accountID }
    }

    var all: [PendingUpdate] { updates.withLock { $0 } }
}

final class InMemoryAuditLog: AuditLog {
    private let entries = Mutex<[AuditEntry]>([])

    func append(_ entry: AuditEntry) throws {
        entries.withLock { $0.append(entry) }
    }

    func recentEntries(limit: Int) throws -> [AuditEntry] {
        entries.withLock { Array($0.reversed().prefix(limit)) }
    }
}

/// A clock the tests move by hand.
final class TestClock: Sendable {
    private let current: Mutex<Date>

    init(_ start: Date) {
        current = Mutex(start)
    }

    var now: Date { current.withLock { $0 } }

    func advance(by interval: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(interval) }
    }
}

/// A cached account list that cannot be read, as a damaged database table answers.
struct UnreadableAccountListCache: AccountListCache {
    static let failure = RootmailError.storage(
        "The cached account list in /home/admin/.local/share/rootmail/rootmail.sqlite cannot be read: "
            + "it holds 7 of its 9 accounts")

    func accountList(backend: String) throws -> CachedAccountList? { throw Self.failure }
    func accountListHead(backend: String, count: Int) throws -> CachedAccountList? { throw Self.failure }
    func replaceAccountList(_ list: CachedAccountList, backend: String) throws { throw Self.failure }
    func removeAccountList(backend: String, organizationID: String) throws { throw Self.failure }
}

/// A data directory of its own in the temporary folder, removed with the value.
final class TemporaryDataDirectory: Sendable {
    let directory = DataDirectory(url: FileManager.default.temporaryDirectory
        .appendingPathComponent("rootmail-console-tests-\(UUID().uuidString)", isDirectory: true))

    deinit {
        try? FileManager.default.removeItem(at: directory.url)
    }

    /// The database as a rootmail process opens it.
    func database() throws -> RootmailDatabase { try RootmailDatabase(dataDirectory: directory) }
}
