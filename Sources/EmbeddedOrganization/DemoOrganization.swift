import DemoAssets
import Foundation
import GRDB
import RootmailCore

/// The demo organization of `assets/demo-organization.json`, created on first run and by reset.
struct DemoOrganization: Decodable {
    struct OrganizationPart: Decodable {
        let id: String
        let featureSet: FeatureSet
        let managementAccountId: AccountID
        let enabledServicePrincipals: [String]
        let delegatedAdministrators: [Delegation]
    }

    struct Delegation: Decodable {
        let accountId: AccountID
        let servicePrincipal: String
    }

    struct Unit: Decodable {
        let id: String
        let name: String
        let accounts: [AccountEntry]
        let children: [Unit]
        let tags: [String: String]?
    }

    struct AccountEntry: Decodable {
        let id: AccountID
        let name: String
        let email: EmailAddress
        let state: AccountState
        let joinedMethod: JoinedMethod
        let joinedAt: Date
        let tags: [String: String]?
    }

    struct CallerEntry: Decodable {
        let name: String
        let arn: String
        let accountId: AccountID
        let userId: String
        let permissions: [Permission]
        let mayChangeOrganization: Bool
        let accessKeyId: String
    }

    /// A role's ARN is `arn:aws:iam::<accountId>:role/<name>`.
    struct RoleEntry: Decodable {
        let name: String
        let accountId: AccountID
        let roleId: String
        let permissions: [Permission]
        let maxSessionDuration: Int
    }

    let organization: OrganizationPart
    let root: Unit
    let callers: [CallerEntry]
    let roles: [RoleEntry]

    static func load() throws(RootmailError) -> DemoOrganization {
        guard let url = DemoAssets.demoOrganizationURL else {
            throw .configuration("The demo organization file demo-organization.json is missing from rootmail's resources; "
                + "reinstall rootmail.")
        }
        do {
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            let demo = try decoder.decode(DemoOrganization.self, from: Data(contentsOf: url))
            guard demo.organization.id.wholeMatch(of: /o-[a-z0-9]{10,32}/) != nil else {
                throw RootmailError.configuration("The demo organization's id \(demo.organization.id) is not o- and 10 to 32 lowercase letters or digits.")
            }
            return demo
        } catch let error as RootmailError {
            throw error
        } catch {
            throw .configuration("The demo organization file \(url.path) cannot be read: \(error)")
        }
    }

    /// Inserts the whole organization. `secrets` keeps the callers' secret keys of a previous
    /// load (by access key id), so that a reset does not invalidate configured credentials.
    func insert(into db: Database, at now: Date, secrets: [String: String]) throws {
        try db.execute(sql: "INSERT INTO organization (singleton, id, feature_set, management_account_id, created_at) VALUES (1, ?, ?, ?, ?)",
                       arguments: [organization.id, organization.featureSet.rawValue,
                                   organization.managementAccountId.rawValue, now.timeIntervalSince1970])
        let accountStatement = try OrganizationRows.insertAccountStatement(db)
        var position = 0
        func insert(_ unit: Unit, kind: ParentUnit.Kind, parentID: String?) throws {
            position += 1
            try OrganizationRows.insertUnit(id: unit.id, kind: kind, name: unit.name, parentID: parentID,
                                            position: position, in: db)
            try OrganizationRows.insertTags(unit.tags, resourceID: unit.id, in: db)
            for account in unit.accounts {
                try OrganizationRows.insertAccount(accountStatement, id: account.id, name: account.name, email: account.email,
                                                   state: account.state, joinedMethod: account.joinedMethod,
                                                   joinedAt: account.joinedAt, parentID: unit.id)
                try OrganizationRows.insertTags(account.tags, resourceID: account.id.rawValue, in: db)
            }
            for child in unit.children { try insert(child, kind: .organizationalUnit, parentID: unit.id) }
        }
        try insert(root, kind: .root, parentID: nil)
        for principal in organization.enabledServicePrincipals {
            try db.execute(sql: "INSERT INTO service_access (service_principal, enabled_at) VALUES (?, ?)",
                           arguments: [principal, now.timeIntervalSince1970])
        }
        for delegation in organization.delegatedAdministrators {
            try db.execute(sql: "INSERT INTO delegated_administrator (account_id, service_principal, delegated_at) VALUES (?, ?, ?)",
                           arguments: [delegation.accountId.rawValue, delegation.servicePrincipal, now.timeIntervalSince1970])
        }
        for (index, caller) in callers.enumerated() {
            try db.execute(sql: """
                INSERT INTO caller (name, arn, user_id, account_id, permissions, may_change_organization,
                                    access_key_id, secret_access_key, position)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [caller.name, caller.arn, caller.userId, caller.accountId.rawValue,
                                 caller.permissions.map(\.rawValue).joined(separator: ","), caller.mayChangeOrganization,
                                 caller.accessKeyId, secrets[caller.accessKeyId] ?? Self.newSecretAccessKey(), index])
        }
        try insertRoles(into: db, onlyIntoExistingAccounts: false)
    }

    /// Inserts the roles; an organization that lost a role's account (or has the role already)
    /// is left without it when `onlyIntoExistingAccounts`.
    func insertRoles(into db: Database, onlyIntoExistingAccounts: Bool) throws {
        for (index, role) in roles.enumerated() {
            if onlyIntoExistingAccounts,
               try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM account WHERE id = ?", arguments: [role.accountId.rawValue]) == 0 {
                continue
            }
            try db.execute(sql: """
                INSERT \(onlyIntoExistingAccounts ? "OR IGNORE" : "") INTO role
                    (arn, name, role_id, account_id, permissions, max_session_duration, position)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [EmbeddedRole.arn(account: role.accountId, name: role.name), role.name, role.roleId,
                                 role.accountId.rawValue, role.permissions.map(\.rawValue).joined(separator: ","),
                                 role.maxSessionDuration, index])
        }
    }

    /// 40 characters from the secret-key alphabet, drawn for each data directory, so that no
    /// two installations share a secret.
    static func newSecretAccessKey() -> String {
        SecureRandom.characters(40, from: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
    }
}
