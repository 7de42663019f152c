import Foundation

public enum FeatureSet: String, Sendable, Codable, CaseIterable {
    case all = "ALL"
    case consolidatedBilling = "CONSOLIDATED_BILLING"
}

public enum AccountState: String, Sendable, Codable, CaseIterable {
    case pendingActivation = "PENDING_ACTIVATION"
    case active = "ACTIVE"
    case suspended = "SUSPENDED"
    case pendingClosure = "PENDING_CLOSURE"
    case closed = "CLOSED"

    /// The value of Organizations' retiring `Status`, which knows ACTIVE, SUSPENDED and
    /// PENDING_CLOSURE only: a closed account shows as SUSPENDED there, an account still being
    /// activated as ACTIVE.
    public var legacyStatus: String {
        switch self {
        case .active, .pendingActivation: "ACTIVE"
        case .suspended, .closed: "SUSPENDED"
        case .pendingClosure: "PENDING_CLOSURE"
        }
    }
}

public enum JoinedMethod: String, Sendable, Codable, CaseIterable {
    case invited = "INVITED"
    case created = "CREATED"
}

public struct Organization: Hashable, Sendable {
    public let id: String
    public let arn: String
    public let featureSet: FeatureSet
    public let managementAccountID: AccountID
    public let managementAccountARN: String
    public let managementAccountEmail: String

    public init(id: String, arn: String, featureSet: FeatureSet, managementAccountID: AccountID,
                managementAccountARN: String, managementAccountEmail: String) {
        self.id = id
        self.arn = arn
        self.featureSet = featureSet
        self.managementAccountID = managementAccountID
        self.managementAccountARN = managementAccountARN
        self.managementAccountEmail = managementAccountEmail
    }
}

/// An account as Organizations lists it. `email` is Organizations' copy, which may lag behind
/// GetPrimaryEmail by up to four hours after a change.
public struct Account: Hashable, Sendable, Identifiable {
    public let id: AccountID
    public let arn: String
    public let name: String
    public var email: String
    public let state: AccountState
    public let joinedMethod: JoinedMethod
    public let joinedAt: Date

    public init(id: AccountID, arn: String, name: String, email: String, state: AccountState,
                joinedMethod: JoinedMethod, joinedAt: Date) {
        self.id = id
        self.arn = arn
        self.name = name
        self.email = email
        self.state = state
        self.joinedMethod = joinedMethod
        self.joinedAt = joinedAt
    }
}

/// A root or organizational unit on the way from the root to an account.
public struct ParentUnit: Hashable, Sendable {
    public enum Kind: String, Sendable { case root = "ROOT", organizationalUnit = "ORGANIZATIONAL_UNIT" }
    public let id: String
    public let name: String
    public let kind: Kind

    public init(id: String, name: String, kind: Kind) {
        self.id = id
        self.name = name
        self.kind = kind
    }
}

public struct AccountDetails: Hashable, Sendable {
    public let account: Account
    /// From the root down to the account's direct parent.
    public let parentPath: [ParentUnit]

    public init(account: Account, parentPath: [ParentUnit]) {
        self.account = account
        self.parentPath = parentPath
    }

    /// `Root / Workloads / Production`
    public var parentPathText: String { parentPath.map(\.name).joined(separator: " / ") }
}

public struct AccountPage: Sendable {
    public let accounts: [Account]
    /// More pages follow while this is set, even when `accounts` is empty.
    public let nextToken: String?

    public init(accounts: [Account], nextToken: String?) {
        self.accounts = accounts
        self.nextToken = nextToken
    }
}

/// Where the caller stands in the organization, which decides what the primary-email
/// operations allow.
public enum CallerRole: String, Sendable, Codable {
    case managementAccount = "management account"
    case delegatedAdministrator = "delegated administrator"
    case memberAccount = "member account"
}

public struct CallerIdentity: Hashable, Sendable {
    public let accountID: AccountID
    public let arn: String
    public let userID: String
    public let role: CallerRole
    /// The caller's account-management permissions, where the backend can tell; nil when unknown.
    public let permissions: Set<Permission>?

    public init(accountID: AccountID, arn: String, userID: String, role: CallerRole, permissions: Set<Permission>?) {
        self.accountID = accountID
        self.arn = arn
        self.userID = userID
        self.role = role
        self.permissions = permissions
    }

    /// False only when the backend says the caller lacks the permission.
    public func mayPerform(_ permission: Permission) -> Bool {
        permissions?.contains(permission) ?? true
    }
}

public enum UpdateStatus: String, Sendable, Codable {
    case pending = "PENDING"
    case accepted = "ACCEPTED"
    case completed = "COMPLETED"
    case failed = "FAILED"
}

public struct UpdateStatusReport: Hashable, Sendable {
    public let status: UpdateStatus
    public let updatedAt: Date?
    /// The address of the update the backend holds, where it says (the embedded organization and
    /// `rootmail serve` do); nil from live AWS, whose answer has no address.
    public let email: EmailAddress?

    public init(status: UpdateStatus, updatedAt: Date?, email: EmailAddress? = nil) {
        self.status = status
        self.updatedAt = updatedAt
        self.email = email
    }
}
