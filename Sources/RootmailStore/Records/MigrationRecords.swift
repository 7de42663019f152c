import Foundation
import GRDB
import RootmailCore

/// A row of `migration`.
struct MigrationRecord: RootmailRecord {
    static let databaseTableName = "migration"

    var id: String
    var name: String
    var organizationID: String
    var rule: String
    var createdBy: String
    var createdAt: Date
    var host: String
    var osUser: String

    enum CodingKeys: String, CodingKey {
        case id, name, rule, host
        case organizationID = "organization_id"
        case createdBy = "created_by"
        case createdAt = "created_at"
        case osUser = "os_user"
    }

    enum Columns {
        static let organizationID = Column(CodingKeys.organizationID)
        static let createdAt = Column(CodingKeys.createdAt)
    }

    init(_ migration: Migration) {
        id = migration.id
        name = migration.name
        organizationID = migration.organizationID
        rule = migration.rule
        createdBy = migration.createdBy
        createdAt = migration.createdAt
        host = migration.host
        osUser = migration.user
    }

    var migration: Migration {
        Migration(id: id, name: name, organizationID: organizationID, rule: rule, createdBy: createdBy,
                  createdAt: createdAt, host: host, user: osUser)
    }
}

/// A row of `migration_row`: one account of a migration, in the order it was planned.
struct MigrationRowRecord: RootmailRecord {
    static let databaseTableName = "migration_row"

    var migrationID: String
    var position: Int
    var accountID: String
    var accountName: String
    var currentEmail: String?
    var newEmail: String?
    var state: String
    var reason: String?
    var updatedAt: Date

    enum CodingKeys: String, CodingKey {
        case position, state, reason
        case migrationID = "migration_id"
        case accountID = "account_id"
        case accountName = "account_name"
        case currentEmail = "current_email"
        case newEmail = "new_email"
        case updatedAt = "updated_at"
    }

    enum Columns {
        static let migrationID = Column(CodingKeys.migrationID)
        static let accountID = Column(CodingKeys.accountID)
        static let position = Column(CodingKeys.position)
    }

    init(_ row: MigrationRow, position: Int) {
        migrationID = row.migrationID
        self.position = position
        accountID = row.accountID.rawValue
        accountName = row.accountName
        currentEmail = row.currentEmail
        newEmail = row.newEmail
        state = row.state.rawValue
        reason = row.reason
        updatedAt = row.updatedAt
    }

    func migrationRow() throws -> MigrationRow {
        guard let state = MigrationRow.State(rawValue: state) else {
            throw RootmailError.storage("A migration row has the unknown state \"\(state)\": "
                + "the database was written by a newer rootmail. Run that version.")
        }
        return MigrationRow(migrationID: migrationID, accountID: try AccountID(accountID), accountName: accountName,
                            currentEmail: currentEmail, newEmail: newEmail, state: state, reason: reason,
                            updatedAt: updatedAt)
    }
}
