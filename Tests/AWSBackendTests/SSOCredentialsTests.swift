@testable import AWSBackend
import Foundation
import RootmailCore
import Testing

/// IAM Identity Center (SSO) as a source of the chain: botocore's own resolver and rootmail's,
/// each on its own copy of the same files and token cache, against the same fake portal and
/// OIDC service (fake_sso.py). Where both agree on the key, the session token (it names the
/// account and role asked for), the source and the refusals, and write back a refreshed token in
/// the same shape, the fake and rootmail are right.
@Suite("SSO credentials", .tags(.subprocess))
struct SSOCredentialsTests {
    private static let startURL = "https://corp.awsapps.com/start"
    private static let config = """
        [profile corp]
        sso_session = corp
        sso_account_id = 111111111111
        sso_role_name = AdminAccess

        [sso-session corp]
        sso_start_url = \(startURL)
        sso_region = eu-west-1
        sso_registration_scopes = sso:account:access

        [profile legacy]
        sso_start_url = \(startURL)
        sso_region = eu-west-1
        sso_account_id = 222222222222
        sso_role_name = ReadOnly

        [profile no-role]
        sso_session = corp
        sso_account_id = 111111111111

        [profile lost]
        sso_session = gone
        sso_account_id = 111111111111
        sso_role_name = AdminAccess

        [profile mismatch]
        sso_session = corp
        sso_region = us-east-1
        sso_account_id = 111111111111
        sso_role_name = AdminAccess

        [profile tokens-only]
        sso_session = corp
        """

    /// A token as `aws sso login` caches it, expiring `seconds` from now.
    private static func token(expiresIn seconds: TimeInterval, accessToken: String = "sso-access-token",
                              refreshToken: String? = "sso-refresh-token") -> [String: Any] {
        let format = Date.ISO8601FormatStyle()
        var token: [String: Any] = [
            "startUrl": startURL, "region": "eu-west-1", "accessToken": accessToken,
            "expiresAt": Date().addingTimeInterval(seconds).formatted(format),
            "clientId": "client-id", "clientSecret": "client-secret",
            "registrationExpiresAt": Date().addingTimeInterval(90 * 86_400).formatted(format),
        ]
        token["refreshToken"] = refreshToken
        return token
    }

    private struct SSOCase {
        let base: CredentialCase
        /// The session's name or the legacy start URL → the cached token.
        var cache: [String: [String: Any]] = [:]
    }

    private func cases(sso: PythonServer) -> [SSOCase] {
        let endpoints = ["AWS_ENDPOINT_URL_SSO": sso.endpoint, "AWS_ENDPOINT_URL_SSO_OIDC": sso.endpoint]
        func ssoCase(_ name: String, profile: String?, credentials: String = "", environment: [String: String] = [:],
                     cache: [String: [String: Any]]) -> SSOCase {
            SSOCase(base: CredentialCase(name: name, config: Self.config, credentials: credentials,
                                         environment: endpoints.merging(environment) { $1 }, profile: profile),
                    cache: cache)
        }
        let fresh = ["corp": Self.token(expiresIn: 4 * 3600)]
        return [
            ssoCase("an sso_session profile with a fresh token", profile: "corp", cache: fresh),
            ssoCase("a token about to expire is refreshed first", profile: "corp",
                    cache: ["corp": Self.token(expiresIn: 5 * 60)]),
            ssoCase("an expired token is refreshed", profile: "corp", cache: ["corp": Self.token(expiresIn: -3600)]),
            ssoCase("an expired token without a refresh token is refused", profile: "corp",
                    cache: ["corp": Self.token(expiresIn: -3600, refreshToken: nil)]),
            ssoCase("an expired token whose refresh is rejected is refused", profile: "corp",
                    cache: ["corp": Self.token(expiresIn: -3600, refreshToken: "revoked")]),
            ssoCase("a token the portal does not know is refused", profile: "corp",
                    cache: ["corp": Self.token(expiresIn: 4 * 3600, accessToken: "unknown-token")]),
            ssoCase("no cached token is refused", profile: "corp", cache: [:]),
            ssoCase("the legacy form reads the token of its start URL", profile: "legacy",
                    cache: [Self.startURL: Self.token(expiresIn: 4 * 3600)]),
            ssoCase("the legacy form's expired token is refused, refresh token or not", profile: "legacy",
                    cache: [Self.startURL: Self.token(expiresIn: -60)]),
            ssoCase("a profile without sso_role_name is refused", profile: "no-role", cache: fresh),
            ssoCase("an sso_session without its section is refused", profile: "lost", cache: fresh),
            ssoCase("a setting that differs between profile and sso-session is refused", profile: "mismatch", cache: fresh),
            ssoCase("a profile with only sso_session is no SSO source: its keys are used", profile: "tokens-only",
                    credentials: "[tokens-only]\naws_access_key_id = AKIDKEYS\naws_secret_access_key = k\n", cache: fresh),
            ssoCase("SSO comes before the credentials file's keys of the same profile", profile: "corp",
                    credentials: "[corp]\naws_access_key_id = AKIDKEYS\naws_secret_access_key = k\n", cache: fresh),
            ssoCase("environment keys come before an AWS_PROFILE's SSO", profile: nil,
                    environment: ["AWS_PROFILE": "corp", "AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "e"],
                    cache: fresh),
        ]
    }

    /// The case's files and token cache in a home of its own.
    private func files(for ssoCase: SSOCase) throws -> AWSFiles {
        let files = try AWSFiles(config: ssoCase.base.config, credentials: ssoCase.base.credentials)
        try FileManager.default.createDirectory(at: files.directory.appendingPathComponent(".aws/sso/cache"),
                                                withIntermediateDirectories: true)
        for (key, token) in ssoCase.cache {
            let data = try JSONSerialization.data(withJSONObject: token)
            try files.write(".aws/sso/cache/" + SSOCredentials.cacheFileName(key), String(decoding: data, as: UTF8.self))
        }
        return files
    }

    private func cachedToken(_ files: AWSFiles, _ key: String) throws -> [String: Any]? {
        let url = files.directory.appendingPathComponent(".aws/sso/cache/" + SSOCredentials.cacheFileName(key))
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        return try JSONSerialization.jsonObject(with: data) as? [String: Any]
    }

    @Test("rootmail signs in with IAM Identity Center where botocore does, refreshes as it does, and refuses what it refuses")
    func agreesWithBotocore() async throws {
        let sso = try await PythonServer(script: "fake_sso.py")
        defer { sso.stop() }
        let cases = cases(sso: sso)
        let botocoreInputs = try cases.map { (try files(for: $0), $0.base) }
        let rootmailFiles = try cases.map(files(for:))
        defer { (botocoreInputs.map(\.0) + rootmailFiles).forEach { $0.remove() } }

        let expected = try CredentialOracle.botocore(botocoreInputs)
        #expect(expected.first == ResolverAnswer(accessKey: "AKIDMANAGEMENT", token: "sso:111111111111:AdminAccess-1",
                                                 method: "sso"),
                "botocore itself reads the cached token and calls the fake portal")
        for ((ssoCase, files), botocore) in zip(zip(cases, rootmailFiles), expected) {
            let testCase = ssoCase.base
            let rootmail = await CredentialOracle.rootmail(files, testCase)
            #expect(rootmail == botocore, "\(testCase.name): rootmail found \(rootmail), botocore \(botocore)")
            #expect(botocore.refused == testCase.name.contains("refused"), "\(testCase.name): botocore found \(botocore)")
        }

        // What each wrote back after a refresh: the same fields, a new token, the same time format.
        for index in [1, 2] {
            let theirs = try #require(try cachedToken(botocoreInputs[index].0, "corp"))
            let ours = try #require(try cachedToken(rootmailFiles[index], "corp"))
            #expect(Set(ours.keys) == Set(theirs.keys), "\(cases[index].base.name)")
            #expect((ours["accessToken"] as? String)?.hasPrefix("sso-refreshed-") == true)
            #expect((ours["refreshToken"] as? String)?.hasPrefix("sso-refresh-") == true)
            let expiresAt = try #require(ours["expiresAt"] as? String)
            #expect(expiresAt.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/) != nil, "\(expiresAt)")
            #expect((theirs["expiresAt"] as? String)?.wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/) != nil)
            #expect(ours["registrationExpiresAt"] as? String == theirs["registrationExpiresAt"] as? String)
        }
        // botocore reads back what rootmail wrote.
        let rereadCase = CredentialCase(name: "re-read", config: Self.config, environment: cases[2].base.environment,
                                        profile: "corp")
        let reread = try CredentialOracle.botocore([(rootmailFiles[2], rereadCase)])
        #expect(reread.first?.method == "sso" && reread.first?.accessKey == "AKIDMANAGEMENT",
                "botocore uses the token rootmail refreshed: \(reread)")
    }

    @Test("an expired token without a refresh token says to run aws sso login for the profile")
    func expiredMessage() async throws {
        let ssoCase = SSOCase(base: CredentialCase(name: "expired", config: Self.config, profile: "corp"),
                              cache: ["corp": Self.token(expiresIn: -60, refreshToken: nil)])
        let files = try files(for: ssoCase)
        defer { files.remove() }
        let settings = try ClientSettings(profile: "corp", region: nil, endpointURL: nil, environment: files.environment())
        let chain = CredentialChain(settings: settings, http: .shared, makeSTS: { _ in fatalError("no STS") },
                                    now: { Date() })
        await #expect {
            _ = try await chain.resolve().credentials()
        } throws: { error in
            guard case RootmailError.configuration(let text) = error else { return false }
            return text.contains("aws sso login --profile corp") && text.contains("expired")
        }
    }
}
