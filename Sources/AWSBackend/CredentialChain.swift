import AsyncHTTPClient
import AWSSigV4
import Foundation
import RootmailCore

/// Finds credentials in the AWS CLI's order: the environment's keys (skipped when `--profile`
/// was given), then the profile: `role_arn` (STS AssumeRole from `source_profile` or
/// `credential_source`), web identity (STS AssumeRoleWithWebIdentity, from the environment or the
/// profile), IAM Identity Center (SSO), keys in the credentials file,
/// `credential_process`, keys in the config file; then the container credentials endpoint, then
/// the instance profile (instance metadata), as botocore's `create_credential_resolver` orders them.
/// A configuration that cannot work is a `RootmailError.configuration` naming the setting and
/// the file; a credential service that does not answer is a `RootmailError.transport`.
struct CredentialChain: Sendable {
    let settings: ClientSettings
    /// For the credential services: instance metadata, the container endpoint, SSO and SSO OIDC.
    let http: HTTPClient
    /// An STS client that signs with the given credentials (for AssumeRole), or not at all
    /// (for AssumeRoleWithWebIdentity).
    let makeSTS: @Sendable ((any CredentialProvider)?) -> STSClient
    let now: @Sendable () -> Date

    func resolve() async throws -> any CredentialProvider {
        guard let provider = try await find() else {
            throw nothingFound(try InstanceMetadataCredentials(http: http, settings: settings))
        }
        return provider
    }

    /// Nil when no source has credentials, where botocore's `get_credentials()` answers None.
    func find() async throws -> (any CredentialProvider)? {
        if !settings.profileIsExplicit, let provider = try environmentProvider() { return provider }
        if let provider = try profileProvider(for: settings.profile, visited: [settings.profileName], asSource: false) {
            return provider
        }
        if let container = try ContainerCredentials(http: http, environment: settings.environment) {
            return containerProvider(container, initial: try await container.fetch())
        }
        let instanceMetadata = try InstanceMetadataCredentials(http: http, settings: settings)
        if let fetched = try await instanceMetadata.fetch() {
            return RefreshingCredentialProvider(
                sourceDescription: "instance profile: \(fetched.roleName)", method: .instanceMetadata,
                initial: fetched.credentials, now: now, fetch: instanceMetadata.refetch)
        }
        return nil
    }

    // MARK: Environment

    private func environmentProvider() throws -> (any CredentialProvider)? {
        let environment = settings.environment
        let keyID = environment["AWS_ACCESS_KEY_ID"].nonEmpty
        let secret = environment["AWS_SECRET_ACCESS_KEY"].nonEmpty
        switch (keyID, secret) {
        case (nil, nil):
            return nil
        case (_?, nil), (nil, _?):
            let (set, missing) = keyID != nil
                ? ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY") : ("AWS_SECRET_ACCESS_KEY", "AWS_ACCESS_KEY_ID")
            throw RootmailError.configuration(
                "\(set) is set but \(missing) is not: set both (with AWS_SESSION_TOKEN for temporary keys), "
                    + "or unset both to use a profile.")
        case let (keyID?, secret?):
            let token = environment["AWS_SESSION_TOKEN"].nonEmpty ?? environment["AWS_SECURITY_TOKEN"].nonEmpty
            return StaticCredentialProvider(
                fixed: try credentials(keyID, secret, token, source: "the environment variables AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"),
                sourceDescription: "environment variables", method: .environment)
        }
    }

    // MARK: Profiles

    /// A source profile with keys of its own uses them even if it also assumes a role, as in botocore.
    /// Without a profile (no files), only the environment's web identity settings can apply.
    private func profileProvider(for profile: SharedConfiguration.Profile?, visited: [String], asSource: Bool) throws
        -> (any CredentialProvider)?
    {
        if let profile, profile.has("role_arn"), !profile.has("web_identity_token_file"),
           !(asSource && hasStaticKeys(profile)) {
            return try assumeRoleProvider(profile, visited: visited)
        }
        let environment = asSource || settings.profileIsExplicit ? nil : settings.environment
        if let webIdentity = try WebIdentitySettings(profile: profile, environment: environment,
                                                     configFile: settings.files.configFilePath) {
            return webIdentityProvider(webIdentity)
        }
        guard let profile else { return nil }
        if let sso = try SSOCredentials(profile: profile, settings: settings, http: http, now: now) {
            return RefreshingCredentialProvider(sourceDescription: sso.sourceDescription, method: .sso, now: now,
                                                fetch: sso.fetch)
        }
        if let keys = try staticKeys(profile.credentialsValues, profile: profile.name,
                                     file: settings.files.credentialsFilePath, method: .sharedCredentialsFile) {
            return keys
        }
        if let command = profile.value("credential_process") {
            let process = CredentialProcess(command: command, profileName: profile.name, environment: settings.environment)
            return RefreshingCredentialProvider(
                sourceDescription: "profile \"\(profile.name)\" (credential_process)", method: .process, now: now,
                fetch: process.fetch)
        }
        return try staticKeys(profile.configValues, profile: profile.name, file: settings.files.configFilePath,
                              method: .configFile)
    }

    private func hasStaticKeys(_ profile: SharedConfiguration.Profile) -> Bool {
        profile.has("aws_access_key_id") || profile.has("aws_secret_access_key")
    }

    private func staticKeys(_ values: [String: String], profile: String, file: String, method: CredentialMethod) throws
        -> (any CredentialProvider)?
    {
        let keyID = values["aws_access_key_id"].nonEmpty
        let secret = values["aws_secret_access_key"].nonEmpty
        switch (keyID, secret) {
        case (nil, nil):
            return nil
        case (_?, nil), (nil, _?):
            throw RootmailError.configuration(
                "Profile \"\(profile)\" in \(file) has \(keyID != nil ? "aws_access_key_id" : "aws_secret_access_key") "
                    + "but not \(keyID != nil ? "aws_secret_access_key" : "aws_access_key_id"): give both.")
        case let (keyID?, secret?):
            let token = values["aws_session_token"].nonEmpty ?? values["aws_security_token"].nonEmpty
            return StaticCredentialProvider(
                fixed: try credentials(keyID, secret, token, source: "profile \"\(profile)\" in \(file)"),
                sourceDescription: "profile \"\(profile)\"", method: method)
        }
    }

    // MARK: AssumeRole

    private func assumeRoleProvider(_ profile: SharedConfiguration.Profile, visited: [String]) throws
        -> any CredentialProvider
    {
        let roleARN = profile.value("role_arn") ?? ""
        if profile.has("mfa_serial") {
            throw notSupported(profile, "an MFA code for AssumeRole (mfa_serial)")
        }
        let source: any CredentialProvider
        let sourceName: String
        switch (profile.value("source_profile"), profile.value("credential_source")) {
        case (_?, _?):
            throw RootmailError.configuration(
                "Profile \"\(profile.name)\" in \(settings.files.configFilePath) has both source_profile and "
                    + "credential_source: keep one of them.")
        case (nil, nil):
            throw RootmailError.configuration(
                "Profile \"\(profile.name)\" in \(settings.files.configFilePath) has role_arn but neither "
                    + "source_profile nor credential_source: add the profile whose keys assume the role.")
        case (let sourceProfile?, nil):
            source = try sourceProfileProvider(named: sourceProfile, for: profile, visited: visited)
            sourceName = "source_profile \(sourceProfile)"
        case (nil, let credentialSource?):
            source = try credentialSourceProvider(credentialSource, for: profile)
            sourceName = "credential_source \(credentialSource)"
        }

        let sessionName = profile.value("role_session_name") ?? defaultSessionName()
        let duration = try durationSeconds(of: profile)
        let externalID = profile.value("external_id")
        let sts = makeSTS(source)
        let profileName = profile.name
        return RefreshingCredentialProvider(
            sourceDescription: "profile \"\(profileName)\" (role \(roleARN) from \(sourceName))", method: .assumeRole,
            now: now
        ) {
            do {
                return try await sts.assumeRole(roleARN: roleARN, sessionName: sessionName, externalID: externalID,
                                                durationSeconds: duration)
            } catch let error as RootmailError where error.serviceError != nil {
                throw RootmailError.configuration(
                    "Profile \"\(profileName)\" could not assume the role \(roleARN): \(error)")
            }
        }
    }

    /// As botocore names its sessions (`botocore-session-<seconds>`), after rootmail.
    private func defaultSessionName() -> String {
        "rootmail-session-\(Int(now().timeIntervalSince1970))"
    }

    // MARK: Web identity

    private func webIdentityProvider(_ webIdentity: WebIdentitySettings) -> any CredentialProvider {
        let sts = makeSTS(nil)
        let sessionName = webIdentity.sessionName ?? defaultSessionName()
        let roleARN = webIdentity.roleARN
        return RefreshingCredentialProvider(
            sourceDescription: "web identity (role \(roleARN), token \(webIdentity.tokenFile))", method: .webIdentity,
            now: now
        ) {
            let token = try webIdentity.readToken()
            do {
                return try await sts.assumeRoleWithWebIdentity(roleARN: roleARN, sessionName: sessionName,
                                                               webIdentityToken: token)
            } catch let error as RootmailError where error.serviceError != nil {
                throw RootmailError.configuration(
                    "The web identity token in \(webIdentity.tokenFile) could not assume the role \(roleARN): \(error)")
            }
        }
    }

    private func durationSeconds(of profile: SharedConfiguration.Profile) throws -> Int? {
        guard let text = profile.value("duration_seconds") else { return nil }
        guard let seconds = Int(text), (900...43_200).contains(seconds) else {
            throw RootmailError.configuration(
                "duration_seconds of profile \"\(profile.name)\" is \"\(text)\": give 900 to 43200 seconds.")
        }
        return seconds
    }

    private func sourceProfileProvider(named name: String, for profile: SharedConfiguration.Profile,
                                       visited: [String]) throws -> any CredentialProvider {
        guard let source = settings.files.profile(name) else {
            throw RootmailError.configuration(
                "The source_profile \"\(name)\" of profile \"\(profile.name)\" is in neither \(settings.files.configFilePath) nor \(settings.files.credentialsFilePath).")
        }
        if visited.contains(name), name != profile.name || !hasStaticKeys(source) {
            throw RootmailError.configuration(
                "Profiles \(visited.map { "\"\($0)\"" }.joined(separator: " → ")) → \"\(name)\" form a loop "
                    + "of source_profile settings: end the chain at a profile with keys.")
        }
        guard let provider = try profileProvider(for: source, visited: visited + [name], asSource: true) else {
            throw RootmailError.configuration(
                "The source_profile \"\(name)\" of profile \"\(profile.name)\" has no credentials: give it "
                    + "aws_access_key_id and aws_secret_access_key, credential_process or role_arn.")
        }
        return provider
    }

    private func credentialSourceProvider(_ name: String, for profile: SharedConfiguration.Profile) throws
        -> any CredentialProvider
    {
        switch name {
        case "Environment":
            guard let provider = try environmentProvider() else {
                throw RootmailError.configuration(
                    "Profile \"\(profile.name)\" takes its keys from the environment (credential_source = Environment), "
                        + "but AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set.")
            }
            return provider
        case "Ec2InstanceMetadata":
            let instanceMetadata = try InstanceMetadataCredentials(http: http, settings: settings)
            return RefreshingCredentialProvider(sourceDescription: "instance profile", method: .instanceMetadata, now: now) {
                do {
                    return try await instanceMetadata.refetch()
                } catch let error as RootmailError {
                    throw RootmailError.configuration(
                        "Profile \"\(profile.name)\" takes its keys from the instance profile "
                            + "(credential_source = Ec2InstanceMetadata), but: \(error)")
                }
            }
        case "EcsContainer":
            guard let container = try ContainerCredentials(http: http, environment: settings.environment) else {
                throw RootmailError.configuration(
                    "Profile \"\(profile.name)\" takes its keys from the container (credential_source = EcsContainer), "
                        + "but neither \(ContainerCredentials.relativeURIVariable) nor "
                        + "\(ContainerCredentials.fullURIVariable) is set.")
            }
            return containerProvider(container, initial: nil)
        default:
            throw RootmailError.configuration(
                "credential_source of profile \"\(profile.name)\" is \"\(name)\": it must be Environment, "
                    + "Ec2InstanceMetadata or EcsContainer.")
        }
    }

    private func containerProvider(_ container: ContainerCredentials, initial: ExpiringCredentials?)
        -> any CredentialProvider
    {
        RefreshingCredentialProvider(sourceDescription: "container: \(container.url)", method: .container,
                                     initial: initial, now: now, fetch: container.fetch)
    }

    // MARK: Messages

    private func credentials(_ keyID: String, _ secret: String, _ token: String?, source: String) throws -> Credentials {
        do {
            return try Credentials(accessKeyID: keyID, secretAccessKey: secret, sessionToken: token)
        } catch {
            throw RootmailError.configuration("The keys from \(source) are unusable: \(error.message)")
        }
    }

    private func notSupported(_ profile: SharedConfiguration.Profile, _ what: String) -> RootmailError {
        .configuration(
            "Profile \"\(profile.name)\" in \(settings.files.configFilePath) uses \(what), which rootmail does not "
                + "support yet. Use a profile with aws_access_key_id and aws_secret_access_key, credential_process, "
                + "or role_arn with source_profile.")
    }

    private func nothingFound(_ instanceMetadata: InstanceMetadataCredentials) -> RootmailError {
        let places = (settings.profileIsExplicit ? [] : ["the environment variables AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"])
            + [settings.files.credentialsFilePath, settings.files.configFilePath,
               "the container credentials (\(ContainerCredentials.relativeURIVariable), \(ContainerCredentials.fullURIVariable): not set)"]
            + [instanceMetadata.isDisabled ? "not the instance metadata service (AWS_EC2_METADATA_DISABLED)"
                : "the instance metadata service at \(instanceMetadata.endpoint)"]
        return .configuration(
            "No AWS credentials found for profile \"\(settings.profileName)\". Looked in "
                + places.joined(separator: ", ") + ". Give the profile aws_access_key_id and aws_secret_access_key, "
                + "credential_process, or role_arn with source_profile, or choose another profile with --profile.")
    }
}
