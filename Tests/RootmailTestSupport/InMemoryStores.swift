import Foundation
import RootmailCore
import RootmailStore
import Synchronization

/// Pending updates kept in memory, with the store protocol's ordering rules, the audit log
/// that their audited changes go to, and a change count that every write moves (as SQLite's
/// `data_version` moves for another process's commits).
public final class InMemoryPendingUpdateStore: PendingUpdateStore, StoreChangeSignal {
    private let updates = Mutex<[PendingUpdate]>([])
    private let writes = Mutex(0)
    public let auditLog = InMemoryAuditLog()

    public init() {}

    public func insert(_ update: PendingUpdate) throws {
        updates.withLock { $0.append(update) }
        writes.withLock { $0 += 1 }
    }

    public func update(_ update: PendingUpdate) throws {
        updates.withLock { updates in
            if let index = updates.firstIndex(where: { $0.id == update.id }) { updates[index] = update }
        }
        writes.withLock { $0 += 1 }
    }

    public func changeCount() throws -> Int { writes.withLock { $0 } }

    public func update(_ updates: [PendingUpdate], auditing entry: AuditEntry?) throws {
        for update in updates { try self.update(update) }
        if let entry { try auditLog.append(entry) }
    }

    public func openUpdates(organizationID: String?) throws -> [PendingUpdate] {
        updates.withLock { updates in
            updates.filter { $0.isOpen && (organizationID == nil || $0.organizationID == organizationID) }
                .sorted { $0.startedAt < $1.startedAt }
        }
    }

    public func openUpdate(organizationID: String, accountID: AccountID) throws -> PendingUpdate? {
        try openUpdates(organizationID: organizationID).last { $0.accountID == accountID }
    }

    public var all: [PendingUpdate] { updates.withLock { $0 } }
}

public final class InMemoryAuditLog: AuditLog {
    private let entries = Mutex<[AuditEntry]>([])

    public init() {}

    public func append(_ entry: AuditEntry) throws {
        entries.withLock { $0.append(entry) }
    }

    public func recentEntries(limit: Int) throws -> [AuditEntry] {
        entries.withLock { Array($0.reversed().prefix(limit)) }
    }
}

/// A cached account list that cannot be read, as a damaged database table answers.
public struct UnreadableAccountListCache: AccountListCache {
    public static let failure = RootmailError.storage(
        "The cached account list in /home/admin/.local/share/rootmail/rootmail.sqlite cannot be read: "
            + "it holds 7 of its 9 accounts")

    public init() {}

    public func accountList(backend: String) throws -> CachedAccountList? { throw Self.failure }
    public func accountListHead(backend: String, count: Int) throws -> CachedAccountList? { throw Self.failure }
    public func replaceAccountList(_ list: CachedAccountList, backend: String) throws { throw Self.failure }
    public func removeAccountList(backend: String, organizationID: String) throws { throw Self.failure }
}

/// A data directory of its own in the temporary folder, removed with the value.
public final class TemporaryDataDirectory: Sendable {
    public let directory = DataDirectory(url: FileManager.default.temporaryDirectory
        .appendingPathComponent("rootmail-tests-\(UUID().uuidString)", isDirectory: true))

    public init() {}

    deinit {
        try? FileManager.default.removeItem(at: directory.url)
    }

    /// The database as a rootmail process opens it.
    public func database() throws -> RootmailDatabase { try RootmailDatabase(dataDirectory: directory) }
}
