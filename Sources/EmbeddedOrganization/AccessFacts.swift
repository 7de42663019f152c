import Foundation
import GRDB
import RootmailCore

/// What AWS's checks read before an Account operation: the caller with its standing, the
/// organization, trusted access for account.amazonaws.com, the throttling switch and the
/// target account. Read with one statement, columns by position, not one statement each:
/// the endpoint answers thousands of these a second, and each statement costs as much as the
/// check itself.
struct AccessFacts {
    let callerARN: String
    let callerRole: CallerRole
    /// The caller's permissions column, IAM action names separated by commas: asked about one
    /// action, not parsed into a set, on the hot path.
    let permissionsColumn: String
    let organization: OrganizationRecord
    let trustedAccess: Bool
    let throttlingEnabled: Bool
    let target: AccountID
    /// Nil when the organization has no such account.
    let account: Account?

    static func fetch(callerName: String, target: AccountID, in db: Database) throws -> AccessFacts {
        let service = ServicePrincipal.accountManagement
        guard let row = try Row.fetchOne(db.cachedStatement(sql: sql), arguments: [
            service, service, EmbeddedOrganization.throttlingSetting, callerName, callerName, target.rawValue,
        ]) else { throw OrganizationRecord.missing }
        let organization = OrganizationRecord(
            id: row[0], featureSet: FeatureSet(rawValue: row[1]) ?? .all,
            managementAccountID: try AccountID(row[2] as String)
        )
        guard let callerARN = row[6] as String?, let callerAccount = row[7] as String? else {
            throw EmbeddedOrganization.callerGone(callerName)
        }
        let account: Account? = try (row[9] as String?).map { id in
            Account(id: try AccountID(id), arn: organization.accountARN(id), name: row[10], email: row[11],
                    state: AccountState(rawValue: row[12]) ?? .active,
                    joinedMethod: JoinedMethod(rawValue: row[13]) ?? .created,
                    joinedAt: Date(timeIntervalSince1970: row[14]))
        }
        return AccessFacts(
            callerARN: callerARN,
            callerRole: EmbeddedCaller.role(of: try AccountID(callerAccount), in: organization,
                                            delegatedAdministrator: (row[3] as String?).flatMap { try? AccountID($0) }),
            permissionsColumn: row[8],
            organization: organization,
            trustedAccess: row[4],
            throttlingEnabled: EmbeddedOrganization.throttlingEnabled(setting: row[5]),
            target: target,
            account: account
        )
    }

    func callerMayPerform(_ permission: Permission) -> Bool {
        EmbeddedCaller.permissions(permissionsColumn, grant: permission)
    }

    /// One row whatever the caller and target: the organization's, with the caller's and the
    /// account's columns NULL when they do not exist. The caller is an IAM user by name or a
    /// role session by access key id (with its role's account and permissions). The positions
    /// are those `fetch` reads.
    private static let sql = """
        SELECT o.id, o.feature_set, o.management_account_id,
               (SELECT account_id FROM delegated_administrator WHERE service_principal = ?),
               EXISTS (SELECT 1 FROM service_access WHERE service_principal = ?),
               (SELECT value FROM setting WHERE key = ?),
               COALESCE(c.arn, \(EmbeddedOrganization.assumedRoleARNColumn)),
               COALESCE(c.account_id, r.account_id), COALESCE(c.permissions, r.permissions),
               a.id, a.name, a.email, a.state, a.joined_method, a.joined_at
        FROM organization o
        LEFT JOIN caller c ON c.name = ?
        LEFT JOIN role_session s ON s.access_key_id = ?
        LEFT JOIN role r ON r.arn = s.role_arn
        LEFT JOIN account a ON a.id = ?
        """
}
