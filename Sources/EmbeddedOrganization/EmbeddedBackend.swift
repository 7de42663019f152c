import Foundation
import RootmailCore

/// One principal's view of the embedded organization, answering as AWS answers that principal.
///
/// Account Management, for every operation in this order:
/// 1. Throttling (when on): Start 1/s and Accept 1/s per caller account, GetPrimaryEmail 3/s
///    per caller account, Start 3 per 30 s per target account; TooManyRequestsException.
/// 2. AccessDeniedException (`User: <arn> is not authorized to perform: account:<Operation>`):
///    the caller lacks the IAM action (GetPrimaryEmailUpdateStatus needs account:GetPrimaryEmail);
///    the organization has consolidated billing only (reason); trusted access for
///    `account.amazonaws.com` is off (reason); the caller is neither in the management account
///    nor in the delegated administrator account; the target is the management account (reason).
/// 3. ResourceNotFoundException: the target is not in the organization.
/// 4. Start: ConflictException when the address is the account's own or any other account's
///    (case-insensitive). A Start mails a 6-digit code to `mail/` in the data directory and
///    replaces any earlier code; it answers PENDING.
/// 5. Accept: ResourceNotFoundException without a pending code for that address (never
///    started, another address, used, or voided); ValidationException `AWSMessages.codeExpired`
///    after 24 h; `AWSMessages.codeIncorrect` for a wrong code, and the fifth wrong code voids it;
///    ConflictException if another account took the address meanwhile.
///    It answers ACCEPTED and changes the address (GetPrimaryEmail and Organizations alike).
/// 6. Update status: PENDING, then ACCEPTED, then COMPLETED `completionDelay` seconds after the
///    acceptance; FAILED once the code expired or was voided; ResourceNotFoundException when no
///    update was ever started.
///
/// The typed methods take values that are valid already; the `raw…` methods take a request's
/// members as strings and answer ValidationException (fieldValidationFailed, fieldList) for
/// malformed ones, as AWS's front end does, before anything else.
public final class EmbeddedBackend: Backend {
    public let organization: EmbeddedOrganization
    public let callerName: String

    init(organization: EmbeddedOrganization, callerName: String) {
        self.organization = organization
        self.callerName = callerName
    }

    public var backendDescription: BackendDescription {
        BackendDescription(kind: "embedded", location: organization.directory.path, principal: callerName)
    }

    /// The caller as the organization stands now (its role follows the delegated administrator).
    public func caller() throws -> EmbeddedCaller {
        try organization.read { db in try organization.caller(named: callerName, in: db) }
    }

    // MARK: OrganizationDirectory

    public func describeOrganization() async throws -> Organization {
        try organization.describeOrganization()
    }

    public func callerIdentity() async throws -> CallerIdentity {
        try caller().identity
    }

    public func listAccounts(nextToken: String?, maxResults: Int) async throws -> AccountPage {
        try organization.listAccounts(nextToken: nextToken, maxResults: maxResults, callerName: callerName)
    }

    public func describeAccount(_ id: AccountID) async throws -> AccountDetails {
        try organization.describeAccount(id, callerName: callerName)
    }

    // MARK: PrimaryEmailAPI

    public func getPrimaryEmail(_ account: AccountID) async throws -> EmailAddress {
        try organization.primaryEmail(of: account, callerName: callerName)
    }

    public func startPrimaryEmailUpdate(_ account: AccountID, to newEmail: EmailAddress) async throws -> UpdateStatus {
        try organization.startPrimaryEmailUpdate(account, to: newEmail, callerName: callerName)
    }

    public func acceptPrimaryEmailUpdate(_ account: AccountID, email: EmailAddress, code: OneTimeCode) async throws -> UpdateStatus {
        try organization.acceptPrimaryEmailUpdate(account, email: email, code: code, callerName: callerName)
    }

    public func getPrimaryEmailUpdateStatus(_ account: AccountID) async throws -> UpdateStatusReport {
        try organization.primaryEmailUpdateStatus(of: account, callerName: callerName)
    }

    // MARK: Raw requests

    public func getPrimaryEmail(rawAccountID: String?) async throws -> EmailAddress {
        var input = AccountAPIInput(operation: .getPrimaryEmail)
        guard let account = input.accountID(rawAccountID) else { throw input.failure }
        return try await getPrimaryEmail(account)
    }

    public func startPrimaryEmailUpdate(rawAccountID: String?, rawPrimaryEmail: String?) async throws -> UpdateStatus {
        var input = AccountAPIInput(operation: .startPrimaryEmailUpdate)
        let account = input.accountID(rawAccountID)
        let email = input.primaryEmail(rawPrimaryEmail)
        guard let account, let email else { throw input.failure }
        return try await startPrimaryEmailUpdate(account, to: email)
    }

    public func acceptPrimaryEmailUpdate(rawAccountID: String?, rawPrimaryEmail: String?,
                                         rawOtp: String?) async throws -> UpdateStatus {
        var input = AccountAPIInput(operation: .acceptPrimaryEmailUpdate)
        let account = input.accountID(rawAccountID)
        let email = input.primaryEmail(rawPrimaryEmail)
        let code = input.otp(rawOtp)
        guard let account, let email, let code else { throw input.failure }
        return try await acceptPrimaryEmailUpdate(account, email: email, code: code)
    }

    public func getPrimaryEmailUpdateStatus(rawAccountID: String?) async throws -> UpdateStatusReport {
        var input = AccountAPIInput(operation: .getPrimaryEmailUpdateStatus)
        let account = input.accountID(rawAccountID)
        guard input.problems.isEmpty else { throw input.failure }
        // The model lets AccountId out: the caller's own account (AWS's standalone context), as
        // the other checks then judge it (the management account's own is refused, as it is
        // not managed here).
        return try await getPrimaryEmailUpdateStatus(account ?? caller().accountID)
    }

    // MARK: STS (for the AWS-compatible endpoint)

    /// AssumeRole from the request's raw parameters: temporary credentials for the role, stored
    /// in the data directory until they expire. See `EmbeddedRole` for who may assume what.
    public func assumeRole(rawRoleARN: String?, rawRoleSessionName: String?, rawDurationSeconds: String?,
                           rawExternalID: String?) throws -> EmbeddedRoleSession {
        let input = try AssumeRoleInput(roleARN: rawRoleARN, sessionName: rawRoleSessionName,
                                        durationSeconds: rawDurationSeconds, externalID: rawExternalID)
        return try organization.assumeRole(input, callerName: callerName)
    }

    // MARK: More of Organizations (for the AWS-compatible endpoint)

    public func listRoots() async throws -> [OrganizationRoot] {
        try organization.listRoots()
    }

    /// ParentNotFoundException for an unknown parent.
    public func listOrganizationalUnits(forParent parentID: String) async throws -> [OrganizationalUnit] {
        try organization.listOrganizationalUnits(parentID: parentID)
    }

    /// OrganizationalUnitNotFoundException for an unknown OU.
    public func describeOrganizationalUnit(_ id: String) async throws -> OrganizationalUnit {
        try organization.describeOrganizationalUnit(id)
    }

    /// The direct parent of an account or OU; ChildNotFoundException for an unknown child.
    public func listParents(ofChild childID: String) async throws -> [ParentUnit] {
        try organization.listParents(childID: childID, callerName: callerName)
    }

    public func listAWSServiceAccess() async throws -> [EnabledServicePrincipal] {
        try organization.listServiceAccess()
    }

    public func enableAWSServiceAccess(_ servicePrincipal: String) async throws {
        try organization.setServiceAccess(servicePrincipal, enabled: true, callerName: callerName)
    }

    public func disableAWSServiceAccess(_ servicePrincipal: String) async throws {
        try organization.setServiceAccess(servicePrincipal, enabled: false, callerName: callerName)
    }

    public func listDelegatedAdministrators(servicePrincipal: String?) async throws -> [DelegatedAdministrator] {
        try organization.listDelegatedAdministrators(servicePrincipal: servicePrincipal)
    }

    public func registerDelegatedAdministrator(_ account: AccountID, servicePrincipal: String) async throws {
        try organization.registerDelegatedAdministrator(account, servicePrincipal: servicePrincipal, callerName: callerName)
    }

    public func deregisterDelegatedAdministrator(_ account: AccountID, servicePrincipal: String) async throws {
        try organization.deregisterDelegatedAdministrator(account, servicePrincipal: servicePrincipal, callerName: callerName)
    }

    /// Tags of an account, OU or root; TargetNotFoundException for anything else.
    public func listTagsForResource(_ resourceID: String) async throws -> [ResourceTag] {
        try organization.listTags(resourceID: resourceID)
    }
}
