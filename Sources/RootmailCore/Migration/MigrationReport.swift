import Foundation

/// What a change board asks of a migration, row by row: the account, its old and new address,
/// how it ended, and when and by whom it was started and accepted, as the audit log holds it.
public struct MigrationReport: Sendable {
    public struct Line: Sendable {
        public let row: MigrationRow
        /// The successful Start of this row's address, and who made it.
        public let started: (at: Date, by: String)?
        /// The Accept that took the code, and who made it.
        public let accepted: (at: Date, by: String)?
    }

    public let migration: Migration
    public let lines: [Line]

    /// Pairs each row with the audit entries of its account and new address made since the
    /// migration was created; the latest counts (a Start made again after an expired code).
    public init(migration: Migration, rows: [MigrationRow], audit: [AuditEntry]) {
        self.migration = migration
        let since = audit.filter { $0.at >= migration.createdAt }.sorted { $0.at < $1.at }
        lines = rows.map { row in
            let mine = since.filter {
                $0.accountID == row.accountID && $0.newEmail?.lowercased() == row.newEmail?.lowercased()
            }
            func latest(_ operation: AccountAPIOperation, results: [String]) -> (at: Date, by: String)? {
                mine.last { entry in
                    entry.operation == operation.rawValue && results.contains { entry.result.hasPrefix($0) }
                }.map { (at: $0.at, by: $0.callerARN) }
            }
            return Line(row: row,
                        started: latest(.startPrimaryEmailUpdate, results: [UpdateStatus.pending.rawValue]),
                        accepted: latest(.acceptPrimaryEmailUpdate,
                                         results: [UpdateStatus.accepted.rawValue, UpdateStatus.completed.rawValue]))
        }
    }

    /// Reads the audit log back to the migration's creation, however many entries were made since.
    public init(migration: Migration, rows: [MigrationRow], service: EmailUpdateService) throws {
        var limit = max(256, rows.count * 8)
        while true {
            let entries = try service.auditEntries(limit: limit)
            if entries.count < limit || (entries.last.map { $0.at < migration.createdAt } ?? true) {
                self.init(migration: migration, rows: rows, audit: entries)
                return
            }
            limit *= 4
        }
    }
}
