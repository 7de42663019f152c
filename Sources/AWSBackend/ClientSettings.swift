import Foundation
import RootmailCore

/// What the AWS CLI would use for one invocation: the profile, the region, each service's
/// endpoint and the retries, from the command line, the environment and the files.
struct ClientSettings: Sendable {
    static let defaultRegion = "us-east-1"

    let files: SharedConfiguration
    let profileName: String
    /// True when the profile was given on the command line (`--profile`), which makes the
    /// AWS CLI skip the environment's keys.
    let profileIsExplicit: Bool
    /// Nil when the files have no such profile (only possible for `default`).
    let profile: SharedConfiguration.Profile?
    let region: String
    let endpoints: [AWSService: ServiceEndpoint]
    /// The attempts and waits of `AWS_RETRY_MODE`/`retry_mode` and `AWS_MAX_ATTEMPTS`/`max_attempts`.
    let retryPolicy: RetryPolicy
    var maxAttempts: Int { retryPolicy.maxAttempts }
    let environment: [String: String]
    /// `AWS_CA_BUNDLE`, else the profile's `ca_bundle`: a PEM file whose certificates replace
    /// the system's trust roots, as botocore hands it to its HTTP client; nil for the system's.
    let caBundle: String?

    init(profile explicitProfile: String?, region explicitRegion: String?, endpointURL: String?,
         environment: [String: String]) throws {
        self.environment = environment
        files = try SharedConfiguration(environment: environment)
        let named = explicitProfile.nonEmpty ?? environment["AWS_PROFILE"].nonEmpty
            ?? environment["AWS_DEFAULT_PROFILE"].nonEmpty
        profileName = named ?? "default"
        profileIsExplicit = explicitProfile.nonEmpty != nil
        profile = files.profile(profileName)
        if let named, profile == nil {
            throw RootmailError.configuration(
                "The config profile (\(named)) could not be found in \(files.filesDescription). "
                    + "Add a [profile \(named)] section to the config file or a [\(named)] section to the credentials file, "
                    + "or choose another profile.")
        }

        region = explicitRegion.nonEmpty ?? environment["AWS_REGION"].nonEmpty
            ?? environment["AWS_DEFAULT_REGION"].nonEmpty ?? profile?.value("region") ?? Self.defaultRegion
        retryPolicy = .botocore(try Self.retryMode(environment: environment, profile: profile),
                                maxAttempts: try Self.maxAttempts(environment: environment, profile: profile))
        caBundle = try Self.caBundle(environment: environment, profile: profile)
        let stsRegional = try Self.stsRegional(environment: environment, profile: profile)

        var endpoints: [AWSService: ServiceEndpoint] = [:]
        for service in AWSService.allCases {
            if let (url, source) = Self.endpointOverride(for: service, explicit: endpointURL, environment: environment,
                                                         files: files, profile: profile) {
                // With an endpoint URL the AWS CLI signs with the client's region, not us-east-1.
                endpoints[service] = try ServiceEndpoint(service: service, url: url, signingRegion: region,
                                                         overrideSource: source)
            } else {
                let (url, signingRegion) = service.defaultEndpoint(region: region, stsRegional: stsRegional)
                endpoints[service] = try ServiceEndpoint(service: service, url: url, signingRegion: signingRegion,
                                                         overrideSource: nil)
            }
        }
        self.endpoints = endpoints
    }

    func endpoint(_ service: AWSService) -> ServiceEndpoint {
        // Every service gets an endpoint in init.
        endpoints[service]!
    }

    /// The endpoint the AWS CLI would use for a service of the credential sources (SSO's portal
    /// `SSO`/`sso`, SSO OIDC `SSO_OIDC`/`sso_oidc`), when it is overridden: `--endpoint-url` does
    /// not reach them.
    func credentialServiceOverride(environmentSuffix: String, configurationKey: String) -> String? {
        Self.endpointOverride(environmentSuffix: environmentSuffix, configurationKey: configurationKey, explicit: nil,
                              environment: environment, files: files, profile: profile)?.url
    }

    private static func endpointOverride(for service: AWSService, explicit: String?, environment: [String: String],
                                         files: SharedConfiguration, profile: SharedConfiguration.Profile?)
        -> (url: String, source: String)?
    {
        endpointOverride(environmentSuffix: service.environmentSuffix, configurationKey: service.configurationKey,
                         explicit: explicit, environment: environment, files: files, profile: profile)
    }

    /// `--endpoint-url`, then (unless configured endpoints are ignored) `AWS_ENDPOINT_URL_<SERVICE>`,
    /// `AWS_ENDPOINT_URL`, the profile's `[services]` entry, the profile's `endpoint_url`.
    private static func endpointOverride(environmentSuffix: String, configurationKey: String, explicit: String?,
                                         environment: [String: String], files: SharedConfiguration,
                                         profile: SharedConfiguration.Profile?) -> (url: String, source: String)?
    {
        if let explicit = explicit.nonEmpty { return (explicit, "--endpoint-url") }
        let ignoreVariable = environment["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"].nonEmpty
            ?? profile?.value("ignore_configured_endpoint_urls")
        if ignoreVariable?.lowercased() == "true" { return nil }
        let serviceVariable = "AWS_ENDPOINT_URL_\(environmentSuffix)"
        if let url = environment[serviceVariable].nonEmpty { return (url, serviceVariable) }
        if let url = environment["AWS_ENDPOINT_URL"].nonEmpty { return (url, "AWS_ENDPOINT_URL") }
        guard let profile else { return nil }
        if let section = profile.value("services"),
           let url = files.serviceEndpointURL(servicesSection: section, serviceKey: configurationKey) {
            return (url, "[services \(section)] in \(files.configFilePath)")
        }
        if let url = profile.value("endpoint_url") {
            return (url, "endpoint_url of profile \(profile.name)")
        }
        return nil
    }

    /// Nil when unset: the retry mode's own default then holds.
    private static func maxAttempts(environment: [String: String], profile: SharedConfiguration.Profile?) throws -> Int? {
        let (text, source): (String?, String) = if let value = environment["AWS_MAX_ATTEMPTS"].nonEmpty {
            (value, "AWS_MAX_ATTEMPTS")
        } else {
            (profile?.value("max_attempts"), "max_attempts of profile \(profile?.name ?? "")")
        }
        guard let text else { return nil }
        guard let attempts = Int(text), attempts >= 1 else {
            throw RootmailError.configuration(
                "\(source) is \"\(text)\": it must be a whole number of attempts, 1 or more "
                    + "(if unset, 3 in the standard and adaptive retry modes, 5 in legacy).")
        }
        return attempts
    }

    private static func retryMode(environment: [String: String], profile: SharedConfiguration.Profile?) throws
        -> RetryMode
    {
        let (text, source): (String?, String) = if let value = environment["AWS_RETRY_MODE"].nonEmpty {
            (value, "AWS_RETRY_MODE")
        } else {
            (profile?.value("retry_mode"), "retry_mode of profile \(profile?.name ?? "")")
        }
        guard let text else { return .botocoreDefault }
        // botocore compares the mode as written: "Standard" is refused.
        guard let mode = RetryMode(rawValue: text) else {
            throw RootmailError.configuration(
                "\(source) is \"\(text)\": it must be legacy, standard or adaptive (standard if unset).")
        }
        return mode
    }

    private static func caBundle(environment: [String: String], profile: SharedConfiguration.Profile?) throws
        -> String?
    {
        let (path, source): (String?, String) = if let value = environment["AWS_CA_BUNDLE"].nonEmpty {
            (value, "AWS_CA_BUNDLE")
        } else {
            (profile?.value("ca_bundle"), "ca_bundle of profile \(profile?.name ?? "")")
        }
        guard let path else { return nil }
        let expanded = (path as NSString).expandingTildeInPath
        guard FileManager.default.isReadableFile(atPath: expanded) else {
            throw RootmailError.configuration(
                "\(source) names \"\(path)\", which cannot be read: give the path of a PEM file of the CA "
                    + "certificates to trust, or unset it to trust the system's.")
        }
        return expanded
    }

    private static func stsRegional(environment: [String: String], profile: SharedConfiguration.Profile?) throws -> Bool {
        let setting = environment["AWS_STS_REGIONAL_ENDPOINTS"].nonEmpty ?? profile?.value("sts_regional_endpoints")
        switch setting?.lowercased() {
        case nil, "regional": return true
        case "legacy": return false
        case let other?:
            throw RootmailError.configuration(
                "sts_regional_endpoints is \"\(other)\": it must be regional or legacy.")
        }
    }
}

extension Optional where Wrapped == String {
    /// The string unless it is nil or empty: an empty variable counts as unset, as for the AWS CLI.
    var nonEmpty: String? {
        guard let self, !self.isEmpty else { return nil }
        return self
    }
}
