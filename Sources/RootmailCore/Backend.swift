/// What a backend says of itself, for headers and command output.
public struct BackendDescription: Hashable, Sendable {
    /// Short name: "embedded", "aws".
    public let kind: String
    /// Where it is: the data directory or the endpoint.
    public let location: String
    /// Who acts through it when `location` does not say: the embedded organization's caller.
    public let principal: String?

    public init(kind: String, location: String, principal: String? = nil) {
        self.kind = kind
        self.location = location
        self.principal = principal
    }

    public var summary: String { "\(kind) (\(location))" }

    /// What tells apart the lists of accounts two backends show: a caller may see another
    /// organization, or none at all, through the same location.
    public var identity: String { principal.map { "\(summary) as \($0)" } ?? summary }
}

/// Organizations as rootmail reads it. Methods throw `RootmailError`.
public protocol OrganizationDirectory: Sendable {
    func describeOrganization() async throws -> Organization
    func callerIdentity() async throws -> CallerIdentity
    /// One page of member and management accounts; `maxResults` is 1 to 20 as in Organizations.
    func listAccounts(nextToken: String?, maxResults: Int) async throws -> AccountPage
    func describeAccount(_ id: AccountID) async throws -> AccountDetails
}

/// The Account Management API's primary-email operations. Methods throw `RootmailError`.
public protocol PrimaryEmailAPI: Sendable {
    func getPrimaryEmail(_ account: AccountID) async throws -> EmailAddress
    func startPrimaryEmailUpdate(_ account: AccountID, to newEmail: EmailAddress) async throws -> UpdateStatus
    func acceptPrimaryEmailUpdate(_ account: AccountID, email: EmailAddress, code: OneTimeCode) async throws -> UpdateStatus
    func getPrimaryEmailUpdateStatus(_ account: AccountID) async throws -> UpdateStatusReport
}

public protocol Backend: OrganizationDirectory, PrimaryEmailAPI {
    var backendDescription: BackendDescription { get }
}
