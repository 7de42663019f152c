import AsyncHTTPClient
import AWSSigV4
import Crypto
import Foundation
import RootmailCore

/// A role's credentials from IAM Identity Center (SSO), read as botocore's `SSOProvider` reads
/// them: the access token `aws sso login` cached in `~/.aws/sso/cache/<SHA-1>.json` (of the
/// session's name for a profile with `sso_session`, of the start URL for the legacy form), then
/// the portal's GetRoleCredentials with it, unsigned. A session's token that expires within 15
/// minutes is first refreshed with SSO OIDC CreateToken and its refresh token, and the new one
/// written back in the same file and format; a legacy token is used until it expires.
struct SSOCredentials: Sendable {
    /// botocore's `SSOTokenProvider._REFRESH_WINDOW`.
    static let refreshWindow: TimeInterval = 15 * 60

    let profileName: String
    let startURL: String
    let region: String
    let accountID: String
    let roleName: String
    /// Nil for the legacy form, whose token is never refreshed.
    let sessionName: String?
    let cacheFile: String
    let portalEndpoint: String
    let oidcEndpoint: String
    let http: HTTPClient
    let now: @Sendable () -> Date

    var sourceDescription: String {
        sessionName.map { "sso: session \($0), role \(roleName)" } ?? "sso: \(startURL), role \(roleName)"
    }

    /// Nil unless the profile names an SSO role or account (`sso_role_name`, `sso_account_id`),
    /// as in botocore; a profile that does but lacks a setting is refused, naming what is missing.
    init?(profile: SharedConfiguration.Profile, settings: ClientSettings, http: HTTPClient,
          now: @escaping @Sendable () -> Date) throws {
        guard profile.has("sso_role_name") || profile.has("sso_account_id") else { return nil }
        let configFile = settings.files.configFilePath
        var values = profile.configValues.merging(profile.credentialsValues) { $1 }
        var required = ["sso_role_name", "sso_account_id", "sso_start_url", "sso_region"]
        if let session = profile.value("sso_session") {
            guard let sessionValues = settings.files.ssoSession(session) else {
                throw RootmailError.configuration(
                    "Profile \"\(profile.name)\" names sso_session \(session), but \(configFile) has no "
                        + "[sso-session \(session)] section: add it with sso_start_url and sso_region.")
            }
            for (key, value) in sessionValues {
                if let own = values[key], own != value {
                    throw RootmailError.configuration(
                        "The value for \(key) is inconsistent between profile \"\(profile.name)\" (\(own)) and "
                            + "[sso-session \(session)] (\(value)) in \(configFile): keep one of them.")
                }
                values[key] = value
            }
            required.append("sso_session")
        }
        let missing = required.filter { values[$0].nonEmpty == nil }
        guard missing.isEmpty else {
            throw RootmailError.configuration(
                "Profile \"\(profile.name)\" in \(configFile) is configured to use SSO but lacks "
                    + missing.joined(separator: ", ") + ".")
        }
        profileName = profile.name
        startURL = values["sso_start_url"] ?? ""
        region = values["sso_region"] ?? ""
        accountID = values["sso_account_id"] ?? ""
        roleName = values["sso_role_name"] ?? ""
        sessionName = profile.value("sso_session")
        cacheFile = "\(settings.environment["HOME"] ?? NSHomeDirectory())/.aws/sso/cache/"
            + Self.cacheFileName(sessionName ?? startURL)
        portalEndpoint = settings.credentialServiceOverride(environmentSuffix: "SSO", configurationKey: "sso")
            ?? "https://portal.sso.\(region).amazonaws.com"
        oidcEndpoint = settings.credentialServiceOverride(environmentSuffix: "SSO_OIDC", configurationKey: "sso_oidc")
            ?? "https://oidc.\(region).amazonaws.com"
        self.http = http
        self.now = now
    }

    /// The hex SHA-1 of the session's name (or the legacy start URL), `.json`, as the AWS CLI names it.
    static func cacheFileName(_ key: String) -> String {
        Insecure.SHA1.hash(data: Array(key.utf8)).map { String(format: "%02x", $0) }.joined() + ".json"
    }

    func fetch() async throws -> ExpiringCredentials {
        let token = try await accessToken()
        var request = HTTPClientRequest(url: Self.trimmed(portalEndpoint) + "/federation/credentials?role_name="
            + URIEncoding.encode(roleName) + "&account_id=" + URIEncoding.encode(accountID))
        request.headers.add(name: "x-amz-sso_bearer_token", value: token)
        let (status, body) = try await send(request, to: "the SSO portal at \(portalEndpoint)")
        guard status == 200 else {
            if status == 401 { throw signInAgain("the SSO portal refused the cached token (UnauthorizedException)") }
            throw RootmailError.configuration(
                "The SSO portal at \(portalEndpoint) refused role \(roleName) in account \(accountID) for profile "
                    + "\"\(profileName)\" (HTTP \(status)): \(body.prefix(300))")
        }
        guard let answer = try? JSONDecoder().decode(RoleCredentialsAnswer.self, from: Data(body.utf8)),
              let credentials = try? Credentials(accessKeyID: answer.roleCredentials.accessKeyId,
                                                 secretAccessKey: answer.roleCredentials.secretAccessKey,
                                                 sessionToken: answer.roleCredentials.sessionToken)
        else {
            throw RootmailError.transport("The SSO portal at \(portalEndpoint) answered GetRoleCredentials without "
                + "roleCredentials (accessKeyId, secretAccessKey, sessionToken, expiration).")
        }
        return ExpiringCredentials(credentials: credentials,
                                   expiration: Date(timeIntervalSince1970: answer.roleCredentials.expiration / 1000))
    }

    // MARK: The cached token

    private func accessToken() async throws -> String {
        guard let data = FileManager.default.contents(atPath: cacheFile),
              var token = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
        else {
            throw signInAgain("no SSO token is cached for it (\(cacheFile))")
        }
        guard let accessToken = token["accessToken"] as? String,
              let expiresAt = (token["expiresAt"] as? String).flatMap(Self.parseTime)
        else {
            throw signInAgain("the cached SSO token \(cacheFile) lacks accessToken or expiresAt")
        }
        var current = (accessToken, expiresAt)
        if sessionName != nil, expiresAt.timeIntervalSince(now()) < Self.refreshWindow,
           let refreshed = try await refresh(token) {
            token = refreshed.document
            current = (refreshed.accessToken, refreshed.expiresAt)
            try write(token)
        }
        guard current.1 > now() else { throw signInAgain("the cached SSO token expired at \(Self.format(current.1))") }
        return current.0
    }

    /// CreateToken with the refresh token, when the cache has one and its client registration
    /// still holds; nil (keep the old token) when it cannot be refreshed, as in botocore.
    private func refresh(_ token: [String: Any]) async throws
        -> (document: [String: Any], accessToken: String, expiresAt: Date)?
    {
        guard let refreshToken = token["refreshToken"] as? String, let clientID = token["clientId"] as? String,
              let clientSecret = token["clientSecret"] as? String,
              let registrationEnd = (token["registrationExpiresAt"] as? String).flatMap(Self.parseTime),
              registrationEnd > now()
        else { return nil }
        var request = HTTPClientRequest(url: Self.trimmed(oidcEndpoint) + "/token")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        let body: [String: String] = ["grantType": "refresh_token", "clientId": clientID, "clientSecret": clientSecret,
                                      "refreshToken": refreshToken]
        request.body = .bytes(Array(try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])))
        let issuedAt = now()
        guard let (status, answerText) = try? await send(request, to: "SSO OIDC at \(oidcEndpoint)"), status == 200,
              let answer = (try? JSONSerialization.jsonObject(with: Data(answerText.utf8))) as? [String: Any],
              let accessToken = answer["accessToken"] as? String,
              let expiresIn = (answer["expiresIn"] as? NSNumber)?.doubleValue
        else { return nil }
        let expiresAt = issuedAt.addingTimeInterval(expiresIn)
        var document: [String: Any] = [
            "startUrl": startURL, "region": region, "accessToken": accessToken, "expiresAt": Self.format(expiresAt),
            "clientId": clientID, "clientSecret": clientSecret, "registrationExpiresAt": token["registrationExpiresAt"] ?? "",
        ]
        if let newRefreshToken = answer["refreshToken"] as? String { document["refreshToken"] = newRefreshToken }
        return (document, accessToken, expiresAt)
    }

    /// As botocore's JSONFileCache writes it: the whole file replaced at once, readable by its owner only.
    private func write(_ document: [String: Any]) throws {
        do {
            let data = try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys])
            let temporary = cacheFile + ".rootmail-\(UUID().uuidString)"
            guard FileManager.default.createFile(atPath: temporary, contents: data, attributes: [.posixPermissions: 0o600])
            else { throw CocoaError(.fileWriteUnknown) }
            guard rename(temporary, cacheFile) == 0 else {
                try? FileManager.default.removeItem(atPath: temporary)
                throw CocoaError(.fileWriteUnknown)
            }
        } catch {
            throw RootmailError.configuration(
                "The refreshed SSO token could not be written to \(cacheFile): \(error.localizedDescription)")
        }
    }

    private func signInAgain(_ why: String) -> RootmailError {
        .configuration("Profile \"\(profileName)\" signs in with IAM Identity Center, but \(why). "
            + "Run `aws sso login --profile \(profileName)` and try again.")
    }

    // MARK: HTTP

    private func send(_ request: HTTPClientRequest, to service: String) async throws -> (status: UInt, body: String) {
        do {
            let response = try await http.execute(request, timeout: .seconds(30))
            let body = try await response.body.collect(upTo: 1 << 20)
            return (response.status.code, String(buffer: body))
        } catch {
            throw RootmailError.transport("No answer from \(service): \(error).")
        }
    }

    private static func trimmed(_ endpoint: String) -> String {
        endpoint.hasSuffix("/") ? String(endpoint.dropLast()) : endpoint
    }

    /// `2026-12-02T04:00:00Z` as the AWS CLI writes it; older versions wrote `…UTC`.
    private static func parseTime(_ text: String) -> Date? {
        ISO8601Timestamp.parse(text.hasSuffix("UTC") ? String(text.dropLast(3)) + "Z" : text)
    }

    private static func format(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle())
    }

    private struct RoleCredentialsAnswer: Decodable {
        struct RoleCredentials: Decodable {
            let accessKeyId: String
            let secretAccessKey: String
            let sessionToken: String
            /// Milliseconds since 1970.
            let expiration: Double
        }

        let roleCredentials: RoleCredentials
    }
}
