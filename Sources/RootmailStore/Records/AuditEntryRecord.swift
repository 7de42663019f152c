import Foundation
import GRDB
import RootmailCore

/// A row of `audit_entry`. Its `sequence` column, the order the entries were written in
/// (AUTOINCREMENT), is SQLite's to assign and is only ever read to order rows.
struct AuditEntryRecord: RootmailRecord {
    static let databaseTableName = "audit_entry"

    var at: Date
    var callerARN: String
    var organizationID: String
    var accountID: String
    var operation: String
    var oldEmail: String?
    var newEmail: String?
    var result: String
    var host: String
    var osUser: String
    var processID: Int32

    enum CodingKeys: String, CodingKey {
        case at
        case callerARN = "caller_arn"
        case organizationID = "organization_id"
        case accountID = "account_id"
        case operation
        case oldEmail = "old_email"
        case newEmail = "new_email"
        case result
        case host
        case osUser = "os_user"
        case processID = "process_id"
    }

    enum Columns {
        static let sequence = Column("sequence")
    }

    init(_ entry: AuditEntry) {
        at = entry.at
        callerARN = entry.callerARN
        organizationID = entry.organizationID
        accountID = entry.accountID.rawValue
        operation = entry.operation
        oldEmail = entry.oldEmail
        newEmail = entry.newEmail
        result = entry.result
        host = entry.workstation.host
        osUser = entry.workstation.user
        processID = entry.processID
    }

    func auditEntry() throws -> AuditEntry {
        AuditEntry(at: at, callerARN: callerARN, organizationID: organizationID, accountID: try AccountID(accountID),
                   operation: operation, oldEmail: oldEmail, newEmail: newEmail, result: result,
                   workstation: Workstation(host: host, user: osUser), processID: processID)
    }
}
