import Foundation
import Testing

/// `rootmail whoami`: the caller, the source of its credentials and their expiry, as JSON.
@Suite(.tags(.subprocess)) struct WhoamiTests {
    @Test func theEmbeddedCallerHasNoExpiry() throws {
        let rootmail = try RootmailProcess()
        defer { rootmail.remove() }
        let shown = try rootmail.run("whoami", "--caller", "auditor")
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(shown.json["Source"] as? String == "embedded organization: caller auditor")
        #expect(shown.json["Arn"] as? String == "arn:aws:iam::686512560918:user/auditor")
        #expect(shown.json["Expiration"] is NSNull)
    }

    /// A CI job's identity: a web identity token file and a role, against `rootmail serve`.
    @Test func aWebIdentityRoleAgainstServeShowsItsSessionAndExpiry() throws {
        var rootmail = try RootmailProcess()
        defer { rootmail.remove() }
        let server = try LiveBackendTests.Server(rootmail)
        defer { server.stop() }
        func part(_ json: String) -> String {
            Data(json.utf8).base64EncodedString().replacingOccurrences(of: "=", with: "")
                .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        }
        let token = part(#"{"alg":"RS256"}"#) + "." + part(#"{"iss":"https://ci.example.com","sub":"deployer"}"#) + ".c2ln"
        let tokenFile = rootmail.home.appendingPathComponent("web-identity-token")
        try token.write(to: tokenFile, atomically: true, encoding: .utf8)
        rootmail.extraEnvironment = [
            "AWS_WEB_IDENTITY_TOKEN_FILE": tokenFile.path,
            "AWS_ROLE_ARN": "arn:aws:iam::686512560918:role/RootEmailAdmin",
            "AWS_ROLE_SESSION_NAME": "pipeline-7",
            "AWS_ENDPOINT_URL": server.url,
            "AWS_EC2_METADATA_DISABLED": "true",
        ]
        let shown = try rootmail.run("whoami", "--backend", "aws")
        #expect(shown.status == 0, "\(shown.stderr)")
        #expect(shown.json["Method"] as? String == "assume-role-with-web-identity")
        #expect(shown.json["Arn"] as? String == "arn:aws:sts::686512560918:assumed-role/RootEmailAdmin/pipeline-7")
        #expect((shown.json["Source"] as? String)?.contains("web identity") == true)
        let expiration = try #require((shown.json["Expiration"] as? String).flatMap { try? Date($0, strategy: .iso8601) },
                                      "\(shown.stdout)")
        #expect(abs(expiration.timeIntervalSinceNow - 3600) < 120)

        let listed = try rootmail.run("list-accounts", "--backend", "aws")
        #expect(listed.status == 0, "\(listed.stderr)")
        #expect((listed.json["Accounts"] as? [Any])?.count == 41)
    }
}
