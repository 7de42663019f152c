import Foundation
import GRDB
import RootmailCore

/// Migrations in `rootmail.sqlite`, beside the pending updates their rows start, shared by every
/// process on the data directory.
public struct SQLiteMigrationStore: MigrationStore {
    let database: RootmailDatabase

    public func insert(_ migration: Migration, rows: [MigrationRow]) throws {
        try database.write { db in
            try MigrationRecord(migration).insert(db)
            for (position, row) in rows.enumerated() {
                try MigrationRowRecord(row, position: position).insert(db)
            }
        }
    }

    public func migrations(organizationID: String) throws -> [Migration] {
        try database.read { db in
            try MigrationRecord.filter(MigrationRecord.Columns.organizationID == organizationID)
                .order(MigrationRecord.Columns.createdAt.desc).fetchAll(db).map(\.migration)
        }
    }

    public func migration(id: String) throws -> Migration? {
        try database.read { db in try MigrationRecord.fetchOne(db, key: id)?.migration }
    }

    public func rows(of migrationID: String) throws -> [MigrationRow] {
        try database.read { db in
            try MigrationRowRecord.filter(MigrationRowRecord.Columns.migrationID == migrationID)
                .order(MigrationRowRecord.Columns.position).fetchAll(db).map { try $0.migrationRow() }
        }
    }

    public func update(_ row: MigrationRow) throws {
        try database.write { db in
            let changed = try MigrationRowRecord
                .filter(MigrationRowRecord.Columns.migrationID == row.migrationID
                        && MigrationRowRecord.Columns.accountID == row.accountID.rawValue)
                .updateAll(db, [Column(MigrationRowRecord.CodingKeys.state).set(to: row.state.rawValue),
                                Column(MigrationRowRecord.CodingKeys.reason).set(to: row.reason),
                                Column(MigrationRowRecord.CodingKeys.updatedAt).set(to: row.updatedAt.timeIntervalSince1970)])
            guard changed == 1 else {
                throw RootmailError.notFound("Migration \(row.migrationID) has no row for account \(row.accountID).")
            }
        }
    }
}
