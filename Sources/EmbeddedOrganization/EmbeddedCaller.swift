import Foundation
import RootmailCore

/// A principal of the embedded organization: an IAM user in one of its accounts, with the
/// account-management permissions its policies grant and an access key for the endpoint, or
/// a session of one of its roles (see `EmbeddedRole`).
public struct EmbeddedCaller: Hashable, Sendable, Identifiable, CustomStringConvertible {
    /// The name `--caller` takes: `admin`, `auditor`, `delegated-admin`, `member-user`; a role
    /// session's access key id.
    public let name: String
    public let arn: String
    public let userID: String
    public let accountID: AccountID
    /// Where the caller's account stands now (it changes with the delegated administrator).
    public let role: CallerRole
    public let permissions: Set<Permission>
    /// Whether the caller may change Organizations itself (trusted access, delegated administrators).
    public let mayChangeOrganization: Bool
    public let accessKeyID: String
    public let secretAccessKey: String

    public var id: String { name }

    public var identity: CallerIdentity {
        CallerIdentity(accountID: accountID, arn: arn, userID: userID, role: role, permissions: permissions)
    }

    /// Everything but the secret, so that printing a caller never prints its secret.
    public var description: String {
        "\(name) (\(arn), \(role.rawValue); \(Self.describe(permissions)))"
    }
}

extension EmbeddedCaller {
    /// Where a caller of this account stands in the organization.
    static func role(of account: AccountID, in organization: OrganizationRecord,
                     delegatedAdministrator: AccountID?) -> CallerRole {
        account == organization.managementAccountID ? .managementAccount
            : account == delegatedAdministrator ? .delegatedAdministrator : .memberAccount
    }

    /// The permissions column: IAM action names separated by commas.
    static func permissions(_ column: String) -> Set<Permission> {
        Set(column.split(separator: ",").compactMap { Permission(rawValue: String($0)) })
    }

    /// The permissions granted, in the model's order, for a description.
    static func describe(_ permissions: Set<Permission>) -> String {
        let granted = Permission.allCases.filter(permissions.contains).map(\.rawValue).joined(separator: ", ")
        return granted.isEmpty ? "no account permissions" : granted
    }

    /// Whether the permissions column names this action; without building the set, for the
    /// checks every Account request makes.
    static func permissions(_ column: String, grant permission: Permission) -> Bool {
        column.utf8.split(separator: UInt8(ascii: ",")).contains { $0.elementsEqual(permission.rawValue.utf8) }
    }
}
