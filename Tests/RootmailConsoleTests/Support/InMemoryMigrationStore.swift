import Foundation
import RootmailCore
import Synchronization

/// Migrations kept in memory, as the SQLite store keeps them: newest first, rows in plan order.
final class InMemoryMigrationStore: MigrationStore {
    private struct Stored {
        var migrations: [Migration] = []
        var rows: [String: [MigrationRow]] = [:]
    }

    private let stored = Mutex(Stored())

    func insert(_ migration: Migration, rows: [MigrationRow]) throws {
        stored.withLock {
            $0.migrations.append(migration)
            $0.rows[migration.id] = rows
        }
    }

    func migrations(organizationID: String) throws -> [Migration] {
        stored.withLock { $0.migrations.filter { $0.organizationID == organizationID }.reversed() }
    }

    func migration(id: String) throws -> Migration? { stored.withLock { $0.migrations.first { $0.id == id } } }

    func rows(of migrationID: String) throws -> [MigrationRow] { stored.withLock { $0.rows[migrationID] ?? [] } }

    func update(_ row: MigrationRow) throws {
        stored.withLock { stored in
            guard let index = stored.rows[row.migrationID]?.firstIndex(where: { $0.accountID == row.accountID }) else { return }
            stored.rows[row.migrationID]?[index] = row
        }
    }
}
