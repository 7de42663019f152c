import Foundation
import GRDB
import RootmailCore

/// AWS Organizations as the embedded organization answers it. Listing and describing the
/// accounts and their parents is for the management account and the delegated administrator,
/// as AWS allows them (a member account is denied); changing needs a management-account caller
/// allowed to change Organizations.
extension EmbeddedOrganization {
    func describeOrganization() throws -> Organization {
        try read { db in
            let organization = try OrganizationRecord.fetch(db)
            let management = try organization.account(organization.managementAccountID, in: db)
            return Organization(id: organization.id, arn: organization.arn, featureSet: organization.featureSet,
                                managementAccountID: organization.managementAccountID,
                                managementAccountARN: organization.accountARN(organization.managementAccountID.rawValue),
                                managementAccountEmail: management?.email ?? "")
        }
    }

    /// Accounts in account-id order, `maxResults` at a time; the token holds the last id.
    func listAccounts(nextToken: String?, maxResults: Int, callerName: String) throws -> AccountPage {
        try OrganizationsOperation.listAccounts.check("MaxResults", .integer(maxResults))
        let after = try nextToken.map { token throws(RootmailError) in try AccountPageToken.decode(token) }
        return try read { db in
            try requireOrganizationReader(callerName, operation: .listAccounts, in: db)
            let organization = try OrganizationRecord.fetch(db)
            let rows = try Row.fetchAll(db, sql: """
                SELECT \(OrganizationRecord.accountColumns) FROM account WHERE id > ? ORDER BY id LIMIT ?
                """, arguments: [after?.rawValue ?? "", maxResults + 1])
            let accounts = try rows.prefix(maxResults).map(organization.account(from:))
            let token = rows.count > maxResults ? accounts.last.map { AccountPageToken.encode(after: $0.id) } : nil
            return AccountPage(accounts: accounts, nextToken: token)
        }
    }

    func describeAccount(_ id: AccountID, callerName: String) throws -> AccountDetails {
        try read { db in
            try requireOrganizationReader(callerName, operation: .describeAccount, in: db)
            let organization = try OrganizationRecord.fetch(db)
            guard let account = try organization.account(id, in: db),
                  let parentID = try String.fetchOne(db, sql: "SELECT parent_id FROM account WHERE id = ?", arguments: [id.rawValue])
            else {
                throw ServiceError(.accountNotFound, AWSMessages.Organizations.accountNotFound).during(OrganizationsOperation.describeAccount)
            }
            return AccountDetails(account: account, parentPath: try organization.parentPath(ofParent: parentID, in: db))
        }
    }

    func listRoots() throws -> [OrganizationRoot] {
        try read { db in
            let organization = try OrganizationRecord.fetch(db)
            return try Row.fetchAll(db, sql: "SELECT id, name FROM parent_unit WHERE kind = 'ROOT'").map {
                OrganizationRoot(id: $0["id"], arn: organization.rootARN($0["id"]), name: $0["name"])
            }
        }
    }

    func listOrganizationalUnits(parentID: String) throws -> [OrganizationalUnit] {
        try read { db in
            let organization = try OrganizationRecord.fetch(db)
            guard try unitKind(parentID, in: db) != nil else {
                throw ServiceError(.parentNotFound, AWSMessages.Organizations.parentNotFound)
                    .during(OrganizationsOperation.listOrganizationalUnitsForParent)
            }
            return try Row.fetchAll(db, sql: "SELECT id, name FROM parent_unit WHERE parent_id = ? ORDER BY position",
                                    arguments: [parentID]).map {
                OrganizationalUnit(id: $0["id"], arn: organization.organizationalUnitARN($0["id"]), name: $0["name"])
            }
        }
    }

    func describeOrganizationalUnit(_ id: String) throws -> OrganizationalUnit {
        try read { db in
            let organization = try OrganizationRecord.fetch(db)
            guard try unitKind(id, in: db) == .organizationalUnit,
                  let name = try String.fetchOne(db, sql: "SELECT name FROM parent_unit WHERE id = ?", arguments: [id])
            else {
                throw ServiceError(.organizationalUnitNotFound, AWSMessages.Organizations.organizationalUnitNotFound)
                    .during(OrganizationsOperation.describeOrganizationalUnit)
            }
            return OrganizationalUnit(id: id, arn: organization.organizationalUnitARN(id), name: name)
        }
    }

    /// The direct parent of an account or an OU (Organizations lists exactly one).
    func listParents(childID: String, callerName: String) throws -> [ParentUnit] {
        try read { db in
            try requireOrganizationReader(callerName, operation: .listParents, in: db)
            let parentID = try String.fetchOne(db, sql: "SELECT parent_id FROM account WHERE id = ?", arguments: [childID])
                ?? String.fetchOne(db, sql: "SELECT parent_id FROM parent_unit WHERE id = ? AND kind = 'ORGANIZATIONAL_UNIT'",
                                   arguments: [childID])
            guard let parentID,
                  let row = try Row.fetchOne(db, sql: "SELECT kind, name FROM parent_unit WHERE id = ?", arguments: [parentID])
            else {
                throw ServiceError(.childNotFound, AWSMessages.Organizations.childNotFound).during(OrganizationsOperation.listParents)
            }
            return [ParentUnit(id: parentID, name: row["name"], kind: ParentUnit.Kind(rawValue: row["kind"]) ?? .organizationalUnit)]
        }
    }

    func listServiceAccess() throws -> [EnabledServicePrincipal] {
        try read { db in
            try Row.fetchAll(db, sql: "SELECT service_principal, enabled_at FROM service_access ORDER BY service_principal").map {
                EnabledServicePrincipal(servicePrincipal: $0["service_principal"], enabledAt: Date(timeIntervalSince1970: $0["enabled_at"]))
            }
        }
    }

    func listDelegatedAdministrators(servicePrincipal: String?) throws -> [DelegatedAdministrator] {
        try read { db in
            let organization = try OrganizationRecord.fetch(db)
            let rows = try Row.fetchAll(db, sql: """
                SELECT account_id, service_principal, delegated_at FROM delegated_administrator
                WHERE ? IS NULL OR service_principal = ? ORDER BY delegated_at, account_id
                """, arguments: [servicePrincipal, servicePrincipal])
            return try rows.compactMap { row in
                guard let account = try organization.account(try AccountID(row["account_id"] as String), in: db) else { return nil }
                return DelegatedAdministrator(account: account, servicePrincipal: row["service_principal"],
                                              delegationEnabledAt: Date(timeIntervalSince1970: row["delegated_at"]))
            }
        }
    }

    func listTags(resourceID: String) throws -> [ResourceTag] {
        try read { db in
            let isAccount = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM account WHERE id = ?", arguments: [resourceID]) ?? 0 > 0
            let isUnit = try unitKind(resourceID, in: db) != nil
            guard isAccount || isUnit else {
                throw ServiceError(.targetNotFound, AWSMessages.Organizations.targetNotFound).during(OrganizationsOperation.listTagsForResource)
            }
            return try Row.fetchAll(db, sql: "SELECT key, value FROM resource_tag WHERE resource_id = ? ORDER BY key",
                                    arguments: [resourceID]).map { ResourceTag(key: $0["key"], value: $0["value"]) }
        }
    }

    // MARK: Changes

    func setServiceAccess(_ principal: String, enabled: Bool, callerName: String) throws {
        let operation = enabled ? OrganizationsOperation.enableAWSServiceAccess : .disableAWSServiceAccess
        let principal = try Self.validatedServicePrincipal(principal, operation: operation)
        try transaction { db in
            try requireOrganizationChanger(callerName, operation: operation, in: db)
            try setServiceAccess(principal, enabled: enabled, in: db)
        }
    }

    func registerDelegatedAdministrator(_ account: AccountID, servicePrincipal: String, callerName: String) throws {
        let operation = OrganizationsOperation.registerDelegatedAdministrator
        let principal = try Self.validatedServicePrincipal(servicePrincipal, operation: operation)
        try transaction { db in
            try requireOrganizationChanger(callerName, operation: operation, in: db)
            let organization = try OrganizationRecord.fetch(db)
            guard try organization.account(account, in: db) != nil else {
                throw ServiceError(.accountNotFound, AWSMessages.Organizations.accountNotFound).during(operation)
            }
            guard account != organization.managementAccountID else {
                throw ServiceError(.constraintViolation, AWSMessages.Organizations.cannotRegisterManagementAccount,
                                   reason: AWSMessages.Organizations.cannotRegisterManagementAccountReason).during(operation)
            }
            let registered = try String.fetchAll(db, sql: "SELECT account_id FROM delegated_administrator WHERE service_principal = ?",
                                                 arguments: [principal])
            guard !registered.contains(account.rawValue) else {
                throw ServiceError(.accountAlreadyRegistered, AWSMessages.Organizations.accountAlreadyRegistered).during(operation)
            }
            // AWS Account Management allows a single delegated administrator.
            guard principal != ServicePrincipal.accountManagement || registered.isEmpty else {
                throw ServiceError(.constraintViolation, AWSMessages.Organizations.tooManyDelegatedAdministrators,
                                   reason: AWSMessages.Organizations.tooManyDelegatedAdministratorsReason).during(operation)
            }
            try db.execute(sql: "INSERT INTO delegated_administrator (account_id, service_principal, delegated_at) VALUES (?, ?, ?)",
                           arguments: [account.rawValue, principal, now().timeIntervalSince1970])
        }
    }

    func deregisterDelegatedAdministrator(_ account: AccountID, servicePrincipal: String, callerName: String) throws {
        let operation = OrganizationsOperation.deregisterDelegatedAdministrator
        let principal = try Self.validatedServicePrincipal(servicePrincipal, operation: operation)
        try transaction { db in
            try requireOrganizationChanger(callerName, operation: operation, in: db)
            guard try OrganizationRecord.fetch(db).account(account, in: db) != nil else {
                throw ServiceError(.accountNotFound, AWSMessages.Organizations.accountNotFound).during(operation)
            }
            try db.execute(sql: "DELETE FROM delegated_administrator WHERE account_id = ? AND service_principal = ?",
                           arguments: [account.rawValue, principal])
            guard db.changesCount > 0 else {
                throw ServiceError(.accountNotRegistered, AWSMessages.Organizations.accountNotRegistered).during(operation)
            }
        }
    }

    // MARK: Helpers

    private func unitKind(_ id: String, in db: Database) throws -> ParentUnit.Kind? {
        try String.fetchOne(db, sql: "SELECT kind FROM parent_unit WHERE id = ?", arguments: [id]).flatMap(ParentUnit.Kind.init)
    }

    /// AWS answers a member account's ListAccounts, DescribeAccount and ListParents so.
    private func requireOrganizationReader(_ callerName: String, operation: OrganizationsOperation, in db: Database) throws {
        guard try caller(named: callerName, in: db).role != .memberAccount else {
            throw ServiceError(.accessDenied, AWSMessages.Organizations.accessDenied).during(operation)
        }
    }

    private func requireOrganizationChanger(_ callerName: String, operation: OrganizationsOperation, in db: Database) throws {
        let caller = try caller(named: callerName, in: db)
        guard caller.role == .managementAccount, caller.mayChangeOrganization else {
            throw ServiceError(.accessDenied, AWSMessages.Organizations.accessDenied).during(operation)
        }
    }

    private static func validatedServicePrincipal(_ text: String, operation: OrganizationsOperation) throws(RootmailError) -> String {
        try operation.check("ServicePrincipal", .string(text))
        return text
    }
}
