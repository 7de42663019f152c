import Foundation
import GRDB
import RootmailCore

/// A row of `pending_update`. Its `sequence` column, the order the rows were inserted in
/// (AUTOINCREMENT), is SQLite's to assign and is only ever read to order rows.
struct PendingUpdateRecord: RootmailRecord {
    static let databaseTableName = "pending_update"

    var id: String
    var organizationID: String
    var accountID: String
    var accountName: String
    var previousEmail: String?
    var newEmail: String
    var startedAt: Date
    var expiresAt: Date
    var startedBy: String
    var host: String
    var osUser: String
    var phase: String
    var failedAttempts: Int
    var ownerPID: Int32
    var updatedAt: Date

    enum CodingKeys: String, CodingKey {
        case id
        case organizationID = "organization_id"
        case accountID = "account_id"
        case accountName = "account_name"
        case previousEmail = "previous_email"
        case newEmail = "new_email"
        case startedAt = "started_at"
        case expiresAt = "expires_at"
        case startedBy = "started_by"
        case host
        case osUser = "os_user"
        case phase
        case failedAttempts = "failed_attempts"
        case ownerPID = "owner_pid"
        case updatedAt = "updated_at"
    }

    enum Columns {
        static let sequence = Column("sequence")
        static let id = Column(CodingKeys.id)
        static let organizationID = Column(CodingKeys.organizationID)
        static let accountID = Column(CodingKeys.accountID)
        static let phase = Column(CodingKeys.phase)
    }

    init(_ update: PendingUpdate) {
        id = update.id
        organizationID = update.organizationID
        accountID = update.accountID.rawValue
        accountName = update.accountName
        previousEmail = update.previousEmail
        newEmail = update.newEmail.rawValue
        startedAt = update.startedAt
        expiresAt = update.expiresAt
        startedBy = update.startedBy
        host = update.startedOn.host
        osUser = update.startedOn.user
        phase = update.phase.rawValue
        failedAttempts = update.failedAttempts
        ownerPID = update.ownerPID
        updatedAt = update.updatedAt
    }

    func pendingUpdate() throws -> PendingUpdate {
        guard let phase = PendingUpdate.Phase(rawValue: phase) else {
            throw RootmailError.storage("A pending update has the unknown phase \"\(phase)\": "
                + "the database was written by a newer rootmail. Run that version.")
        }
        return PendingUpdate(
            id: id, organizationID: organizationID, accountID: try AccountID(accountID), accountName: accountName,
            previousEmail: previousEmail, newEmail: try EmailAddress(newEmail), startedAt: startedAt,
            expiresAt: expiresAt, startedBy: startedBy, startedOn: Workstation(host: host, user: osUser),
            phase: phase, failedAttempts: failedAttempts,
            ownerPID: ownerPID, updatedAt: updatedAt)
    }
}
