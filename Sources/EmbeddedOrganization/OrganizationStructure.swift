import Foundation
import RootmailCore

/// The root of the organization, as ListRoots returns it.
public struct OrganizationRoot: Hashable, Sendable {
    public let id: String
    public let arn: String
    public let name: String
}

/// An organizational unit, as DescribeOrganizationalUnit returns it.
public struct OrganizationalUnit: Hashable, Sendable {
    public let id: String
    public let arn: String
    public let name: String
}

/// A service that has trusted access to the organization.
public struct EnabledServicePrincipal: Hashable, Sendable {
    public let servicePrincipal: String
    public let enabledAt: Date
}

/// An account registered as delegated administrator, as ListDelegatedAdministrators returns it.
public struct DelegatedAdministrator: Hashable, Sendable {
    public let account: Account
    public let servicePrincipal: String
    public let delegationEnabledAt: Date
}

public struct ResourceTag: Hashable, Sendable {
    public let key: String
    public let value: String

    public init(key: String, value: String) {
        self.key = key
        self.value = value
    }
}

/// What `rootmail sim` shows and changes.
public struct SimulationSettings: Hashable, Sendable {
    public let organizationID: String
    public let featureSet: FeatureSet
    /// Trusted access for `account.amazonaws.com`.
    public let trustedAccess: Bool
    /// The delegated administrator for `account.amazonaws.com`, if one is registered.
    public let delegatedAdministrator: AccountID?
    public let throttling: Bool
    /// Member accounts plus the management account.
    public let accountCount: Int
}
