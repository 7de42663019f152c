import AsyncHTTPClient
import AWSSigV4
import Foundation
import Logging
import NIOSSL
import RootmailCore
import Synchronization

/// The live AWS backend: Organizations, Account and STS, reached and signed as the AWS CLI
/// would for the same profile, region and endpoint. Call `shutdown()` once done with it.
public final class AWSBackend: Backend {
    public let backendDescription: BackendDescription
    /// The region requests are made for (and signed with when an endpoint URL is given).
    public let region: String
    /// The profile used: given, from AWS_PROFILE, or `default`.
    public let profileName: String

    private let http: HTTPClient
    private let credentials: any CredentialProvider
    private let organizations: OrganizationsClient
    private let account: AccountClient
    private let sts: STSClient
    private let parentPaths: ParentPathResolver
    private let organizationCache = Mutex<Organization?>(nil)

    /// A backend for the given command-line choices (nil when not given) and environment,
    /// resolved as the AWS CLI resolves them. Credentials that need a call (AssumeRole,
    /// credential_process) are fetched on the first request, and a region that cannot be signed
    /// with is refused by the first request; everything else that is wrong with the
    /// configuration is reported here as `RootmailError.configuration`.
    ///
    /// - Parameters:
    ///   - environment: the process environment (`ProcessInfo.processInfo.environment`);
    ///     `HOME`, `AWS_*` and, for credential_process, `PATH` are read from it alone.
    ///   - retryPolicy: nil for botocore's (`AWS_RETRY_MODE`/`retry_mode`, `AWS_MAX_ATTEMPTS`/`max_attempts`).
    ///   - debugLog: where `--debug` writes each request, answer and retry and the credentials'
    ///     source, with every secret redacted; nil for nothing.
    public static func make(profile: String?, region: String?, endpointURL: String?,
                            environment: [String: String], retryPolicy: RetryPolicy? = nil,
                            debugLog: Logger? = nil) async throws -> AWSBackend {
        try await make(profile: profile, region: region, endpointURL: endpointURL, environment: environment,
                       retryPolicy: retryPolicy, log: debugLog.map(ExchangeLog.init) ?? .silent, now: { Date() })
    }

    static func make(profile: String?, region: String?, endpointURL: String?, environment: [String: String],
                     retryPolicy: RetryPolicy?, log: ExchangeLog = .silent,
                     now: @escaping @Sendable () -> Date) async throws -> AWSBackend {
        let settings = try ClientSettings(profile: profile, region: region, endpointURL: endpointURL,
                                          environment: environment)
        let policy = retryPolicy ?? settings.retryPolicy
        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = .disallow
        configuration.timeout = .init(connect: .seconds(10), read: .seconds(60))
        if let caBundle = settings.caBundle {
            var tls = TLSConfiguration.makeClientConfiguration()
            tls.trustRoots = .file(caBundle)
            configuration.tlsConfiguration = tls
        }
        let http = HTTPClient(configuration: configuration)
        let stsEndpoint = settings.endpoint(.sts)
        let chain = CredentialChain(
            settings: settings, http: http,
            makeSTS: { source in
                STSClient(sender: SignedRequestSender(http: http, credentials: source, retryPolicy: policy, now: now,
                                                      log: log),
                          endpoint: stsEndpoint)
            },
            now: now)
        let credentials: any CredentialProvider
        do {
            credentials = try await chain.resolve()
            log.credentialsFound(credentials)
        } catch {
            try? await http.shutdown()
            throw error
        }
        return AWSBackend(settings: settings, http: http, credentials: credentials,
                          sender: SignedRequestSender(http: http, credentials: credentials, retryPolicy: policy, now: now,
                                                      log: log))
    }

    private init(settings: ClientSettings, http: HTTPClient, credentials: any CredentialProvider,
                 sender: SignedRequestSender) {
        self.http = http
        self.credentials = credentials
        region = settings.region
        profileName = settings.profileName
        organizations = OrganizationsClient(sender: sender, endpoint: settings.endpoint(.organizations))
        account = AccountClient(sender: sender, endpoint: settings.endpoint(.account))
        sts = STSClient(sender: sender, endpoint: settings.endpoint(.sts))
        parentPaths = ParentPathResolver(organizations: organizations)
        let overridden = Set(settings.endpoints.values.compactMap { $0.overrideSource == nil ? nil : $0.urlText })
        backendDescription = BackendDescription(
            kind: "aws",
            location: (["region \(settings.region)", credentials.sourceDescription] + overridden.sorted())
                .joined(separator: ", "))
    }

    /// Where the credentials came from, as the console header and `rootmail whoami` say it.
    public struct CredentialStatus: Sendable {
        /// `sso: session corp, role AdminAccess`, `instance profile: bastion-role`, `environment variables`.
        public let source: String
        /// botocore's name of the source: `sso`, `iam-role`, `env`.
        public let method: String
        /// Nil for keys that never expire, or before any call fetched them.
        public let expiration: Date?
    }

    public func credentialStatus() async -> CredentialStatus {
        CredentialStatus(source: credentials.sourceDescription, method: credentials.method.rawValue,
                         expiration: await credentials.expiration())
    }

    /// Closes the HTTP connections. The backend answers nothing afterwards.
    public func shutdown() async throws {
        try await http.shutdown()
    }

    // MARK: OrganizationDirectory

    public func describeOrganization() async throws -> Organization {
        if let known = organizationCache.withLock({ $0 }) { return known }
        let organization = try await guarded { try await organizations.describeOrganization() }
        organizationCache.withLock { $0 = organization }
        return organization
    }

    /// STS says who the caller is; Organizations says where that account stands. Whether the
    /// caller's policies allow the primary-email actions cannot be read, so permissions are nil.
    public func callerIdentity() async throws -> CallerIdentity {
        let identity = try await guarded { try await sts.getCallerIdentity() }
        let accountID = try AWSAnswerValue.accountID(identity.account)
        let organization = try await describeOrganization()
        return CallerIdentity(accountID: accountID, arn: identity.arn, userID: identity.userID,
                              role: try await role(of: accountID, in: organization), permissions: nil)
    }

    public func listAccounts(nextToken: String?, maxResults: Int) async throws -> AccountPage {
        let allowed = AWSMessages.Organizations.maxResultsRange
        guard allowed.contains(maxResults) else {
            throw RootmailError.invalidInput(field: "MaxResults", value: String(maxResults),
                                             rule: "must be \(allowed.lowerBound) to \(allowed.upperBound), as Organizations allows")
        }
        return try await guarded { try await organizations.listAccounts(nextToken: nextToken, maxResults: maxResults) }
    }

    public func describeAccount(_ id: AccountID) async throws -> AccountDetails {
        try await guarded {
            AccountDetails(account: try await organizations.describeAccount(id),
                           parentPath: try await parentPaths.path(above: id))
        }
    }

    // MARK: PrimaryEmailAPI

    public func getPrimaryEmail(_ account: AccountID) async throws -> EmailAddress {
        try await guarded { try await self.account.getPrimaryEmail(account) }
    }

    public func startPrimaryEmailUpdate(_ account: AccountID, to newEmail: EmailAddress) async throws -> UpdateStatus {
        try await guarded { try await self.account.startPrimaryEmailUpdate(account, to: newEmail) }
    }

    public func acceptPrimaryEmailUpdate(_ account: AccountID, email: EmailAddress, code: OneTimeCode) async throws
        -> UpdateStatus
    {
        try await guarded { try await self.account.acceptPrimaryEmailUpdate(account, email: email, code: code) }
    }

    public func getPrimaryEmailUpdateStatus(_ account: AccountID) async throws -> UpdateStatusReport {
        try await guarded { try await self.account.getPrimaryEmailUpdateStatus(account) }
    }

    // MARK: Helpers

    /// Management account, delegated administrator for Account Management, or neither. Only the
    /// management account and delegated administrators may list delegated administrators, so
    /// AccessDenied there means a member account.
    private func role(of accountID: AccountID, in organization: Organization) async throws -> CallerRole {
        if accountID == organization.managementAccountID { return .managementAccount }
        do {
            let administrators = try await guarded {
                try await organizations.delegatedAdministratorIDs(servicePrincipal: ServicePrincipal.accountManagement)
            }
            return administrators.contains(accountID.rawValue) ? .delegatedAdministrator : .memberAccount
        } catch let error as RootmailError where error.serviceError?.type == .accessDenied {
            return .memberAccount
        }
    }

    /// Lets only `RootmailError` out, as the Backend protocol promises.
    private func guarded<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as RootmailError {
            throw error
        } catch is CancellationError {
            throw RootmailError.transport("The call to AWS was cancelled.")
        } catch {
            throw RootmailError.transport("The call to AWS failed: \(error)")
        }
    }
}
