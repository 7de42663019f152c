import Foundation
import GRDB
import RootmailCore

/// Pending updates in `rootmail.sqlite`, shared by every process on the data directory.
/// Finished updates stay in the table, out of the open lists, as a history.
public struct SQLitePendingUpdateStore: PendingUpdateStore {
    let database: RootmailDatabase

    public func insert(_ update: PendingUpdate) throws {
        try database.write { db in try PendingUpdateRecord(update).insert(db) }
    }

    public func update(_ update: PendingUpdate) throws {
        try self.update([update], auditing: nil)
    }

    public func update(_ updates: [PendingUpdate], auditing entry: AuditEntry?) throws {
        try database.write { db in
            for update in updates { try store(update, in: db) }
            if let entry { try AuditEntryRecord(entry).insert(db) }
        }
    }

    /// Rewrites the row of the update's id (a unique key; `sequence` is the table's primary key).
    private func store(_ update: PendingUpdate, in db: Database) throws {
        let assignments = try PendingUpdateRecord(update).databaseDictionary.map { column, value in
            Column(column).set(to: value)
        }
        let changed = try PendingUpdateRecord.filter { $0.id == update.id }.updateAll(db, assignments)
        guard changed == 1 else {
            throw RootmailError.storage(
                "The pending update \(update.id) for account \(update.accountID) is not in \(database.file.path). "
                    + "Refresh the pending updates and try again.")
        }
    }

    public func openUpdates(organizationID: String?) throws -> [PendingUpdate] {
        try database.read { db in
            var request = Self.open.order(\.sequence)
            if let organizationID { request = request.filter { $0.organizationID == organizationID } }
            return try request.fetchAll(db).map { try $0.pendingUpdate() }
        }
    }

    /// The newest open update when several are open (a Start whose outcome is unknown beside
    /// the update it was meant to replace).
    public func openUpdate(organizationID: String, accountID: AccountID) throws -> PendingUpdate? {
        try database.read { db in
            try Self.open
                .filter { $0.organizationID == organizationID && $0.accountID == accountID.rawValue }
                .order(\.sequence.desc)
                .fetchOne(db)?
                .pendingUpdate()
        }
    }

    private static let open = PendingUpdateRecord.filter { columns in
        PendingUpdate.Phase.allCases.filter(\.isOpen).map(\.rawValue).contains(columns.phase)
    }
}
