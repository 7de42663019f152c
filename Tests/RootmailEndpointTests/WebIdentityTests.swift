import EmbeddedOrganization
import Foundation
import RootmailCore
import Testing

/// STS AssumeRoleWithWebIdentity, which `rootmail serve` answers unsigned as AWS does, through
/// the real AWS CLI (a command and a `web_identity_token_file` profile) and boto3.
extension AssumeRoleTests {
    static let issuer = "https://oidc.ci.example.com"
    static let subject = "system:serviceaccount:ci:deployer"

    /// A JWT as an identity provider issues one (its signature is not checked by the demo server).
    static func webIdentityToken(expiresIn seconds: TimeInterval = 3600, claims extra: [String: Any] = [:]) throws -> String {
        func part(_ object: [String: Any]) throws -> String {
            try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]).base64EncodedString()
                .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
                .replacingOccurrences(of: "=", with: "")
        }
        let claims: [String: Any] = ["iss": issuer, "sub": subject, "aud": "sts.amazonaws.com",
                                     "exp": Int(Date().timeIntervalSince1970 + seconds)].merging(extra) { $1 }
        return try part(["alg": "RS256", "typ": "JWT", "kid": "ci"]) + "." + part(claims) + ".c2lnbmF0dXJl"
    }

    /// An environment with no keys at all: the call must go unsigned.
    static func keylessEnvironment(_ endpoint: RunningEndpoint) throws -> [String: String] {
        var environment = AWSClients.environment(for: try endpoint.caller("admin"))
        environment.removeValue(forKey: "AWS_ACCESS_KEY_ID")
        environment.removeValue(forKey: "AWS_SECRET_ACCESS_KEY")
        return environment
    }

    @Test func theAWSCLIAssumesARoleWithAWebIdentityTokenAndNoKeys() async throws {
        try await RunningEndpoint.with { endpoint in
            let answer = try await AWSClients.aws(
                ["sts", "assume-role-with-web-identity", "--role-arn", Self.adminRole, "--role-session-name", "ci-run",
                 "--web-identity-token", try Self.webIdentityToken()],
                on: endpoint, environment: try Self.keylessEnvironment(endpoint))
            #expect(answer.status == 0, "\(answer.stderr)")
            let json = try answer.json()
            #expect(json["SubjectFromWebIdentityToken"] as? String == Self.subject)
            #expect(json["Provider"] as? String == Self.issuer)
            #expect(json["Audience"] as? String == "sts.amazonaws.com")
            let user = try #require(json["AssumedRoleUser"] as? [String: Any])
            #expect(user["Arn"] as? String == "arn:aws:sts::686512560918:assumed-role/RootEmailAdmin/ci-run")

            let keys = try Self.keys(in: json)
            let identity = try await AWSClients.aws(["sts", "get-caller-identity"], on: endpoint, environment: keys.environment)
            #expect(identity.status == 0, "\(identity.stderr)")
            #expect(try identity.json()["Arn"] as? String == user["Arn"] as? String)
        }
    }

    @Test func aWebIdentityTokenFileProfileWorksWithTheAWSCLI() async throws {
        try await RunningEndpoint.with { endpoint in
            let folder = endpoint.directory.url.appendingPathComponent("aws-cli-home")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let tokenFile = folder.appendingPathComponent("token")
            try Self.webIdentityToken().write(to: tokenFile, atomically: true, encoding: .utf8)
            let config = folder.appendingPathComponent("config")
            try """
                [profile ci]
                role_arn = \(Self.adminRole)
                web_identity_token_file = \(tokenFile.path)
                role_session_name = ci-profile
                """.write(to: config, atomically: true, encoding: .utf8)
            var environment = try Self.keylessEnvironment(endpoint)
            environment["AWS_CONFIG_FILE"] = config.path
            environment["AWS_ENDPOINT_URL_STS"] = endpoint.url
            environment["HOME"] = folder.path

            let identity = try await AWSClients.aws(["--profile", "ci", "sts", "get-caller-identity"],
                                                    on: endpoint, environment: environment)
            #expect(identity.status == 0, "\(identity.stderr)")
            #expect(try identity.json()["Arn"] as? String == "arn:aws:sts::686512560918:assumed-role/RootEmailAdmin/ci-profile")
        }
    }

    @Test func webIdentityRefusalsNameWhatIsWrongWithTheToken() async throws {
        try await RunningEndpoint.with { endpoint in
            func call(_ role: String, _ token: String?) -> AWSClients.Call {
                var params: [String: Any] = ["RoleArn": role, "RoleSessionName": "ci"]
                params["WebIdentityToken"] = token
                return AWSClients.Call.api("sts", "assume_role_with_web_identity", params).unsigned
            }
            let valid = try Self.webIdentityToken()
            let outcomes = try await AWSClients.boto3([
                call(Self.adminRole, "an-access-token-not-a-jwt"),
                call(Self.adminRole, valid + "\n"),
                call(Self.adminRole, try Self.webIdentityToken(expiresIn: -60)),
                call(Self.adminRole, try Self.webIdentityToken(claims: ["sub": ""])),
                call("arn:aws:iam::686512560918:role/Nope", valid),
            ], on: endpoint)
            #expect(outcomes.map { "\($0.status ?? 0) \($0.code ?? "none")" } == [
                "400 InvalidIdentityToken", "400 InvalidIdentityToken", "400 ExpiredTokenException",
                "400 InvalidIdentityToken", "403 AccessDenied",
            ], "\(outcomes.map(\.summary))")
            #expect(outcomes[0].message
                == "The ID Token provided is not a valid JWT. (You may see this error if you sent an Access Token)")
            #expect(outcomes[2].message?.hasPrefix("Token expired: current date/time ") == true)
            #expect(try endpoint.organization.roleSessions().isEmpty, "no refused call handed out a session")
        }
    }
}
