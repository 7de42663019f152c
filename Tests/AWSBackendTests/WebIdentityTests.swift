@testable import AWSBackend
import Foundation
import RootmailCore
import Testing

/// Web identity (`AWS_WEB_IDENTITY_TOKEN_FILE` + `AWS_ROLE_ARN`, or the profile's
/// `web_identity_token_file` + `role_arn`) as a source of the chain: botocore's own resolver and
/// rootmail's, on the same files and environment, call the same STS (fake_aws.py), whose session
/// token repeats the role, the session name and the token it was sent.
@Suite("Web identity credentials", .tags(.subprocess))
struct WebIdentityTests {
    private static let role = "arn:aws:iam::111111111111:role/ci-deployer"
    private static let token = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJjaSJ9.c2ln"

    private func cases(sts: PythonServer, tokens: AWSFiles) -> [CredentialCase] {
        let tokenFile = tokens.directory.appendingPathComponent("token").path
        let base = ["AWS_ENDPOINT_URL_STS": sts.endpoint, "AWS_DEFAULT_REGION": "us-east-1"]
        let environment = base.merging(["AWS_WEB_IDENTITY_TOKEN_FILE": tokenFile, "AWS_ROLE_ARN": Self.role]) { $1 }
        let profileKeys = "[default]\naws_access_key_id = AKIDPROFILE\naws_secret_access_key = p\n"
        let webIdentityProfile = "[profile ci]\nrole_arn = \(Self.role)\nweb_identity_token_file = \(tokenFile)\n"
            + "role_session_name = from-profile\n"
        return [
            CredentialCase(name: "the environment's token file and role", environment: environment),
            CredentialCase(name: "AWS_ROLE_SESSION_NAME names the session",
                           environment: environment.merging(["AWS_ROLE_SESSION_NAME": "pipeline-42"]) { $1 }),
            CredentialCase(name: "a token file without a role is refused",
                           environment: base.merging(["AWS_WEB_IDENTITY_TOKEN_FILE": tokenFile]) { $1 }),
            CredentialCase(name: "an empty AWS_ROLE_ARN is refused",
                           environment: environment.merging(["AWS_ROLE_ARN": ""]) { $1 }),
            CredentialCase(name: "an empty token file variable is no web identity",
                           environment: environment.merging(["AWS_WEB_IDENTITY_TOKEN_FILE": ""]) { $1 }),
            CredentialCase(name: "a token file that is missing is refused",
                           environment: environment.merging([
                               "AWS_WEB_IDENTITY_TOKEN_FILE": tokens.directory.appendingPathComponent("absent").path,
                           ]) { $1 }),
            CredentialCase(name: "the token is sent as the file holds it, newline included",
                           environment: environment.merging([
                               "AWS_WEB_IDENTITY_TOKEN_FILE": tokens.directory.appendingPathComponent("token-newline").path,
                           ]) { $1 }),
            CredentialCase(name: "environment keys come before web identity",
                           environment: environment.merging(["AWS_ACCESS_KEY_ID": "AKIDENV", "AWS_SECRET_ACCESS_KEY": "e"]) { $1 }),
            CredentialCase(name: "web identity comes before the profile's keys", credentials: profileKeys,
                           environment: environment),
            CredentialCase(name: "the profile's role_arn with source_profile comes before the environment's web identity",
                           config: "[default]\nrole_arn = arn:aws:iam::111111111111:role/admin\nsource_profile = keys\n",
                           credentials: "[keys]\naws_access_key_id = AKIDMANAGEMENT\naws_secret_access_key = k\n",
                           environment: environment),
            CredentialCase(name: "the profile's web identity keys", config: webIdentityProfile, environment: base,
                           profile: "ci"),
            CredentialCase(name: "a source_profile with web identity keys assumes the next role with them",
                           config: "[default]\nrole_arn = arn:aws:iam::111111111111:role/admin\nsource_profile = ci\n"
                               + webIdentityProfile,
                           environment: base),
            CredentialCase(name: "with --profile the environment's web identity does not count",
                           config: "[profile other]\nregion = us-east-1\n",
                           credentials: "[other]\naws_access_key_id = AKIDOTHER\naws_secret_access_key = o\n",
                           environment: environment, profile: "other"),
            CredentialCase(name: "the environment's variables win over the profile's keys, one by one",
                           config: "[default]\nweb_identity_token_file = \(tokenFile)\nrole_arn = arn:aws:iam::1:role/x\n"
                               + "role_session_name = from-profile\n",
                           environment: base.merging(["AWS_ROLE_ARN": Self.role]) { $1 }),
        ]
    }

    @Test("rootmail assumes the role with the web identity token where botocore does, and refuses what it refuses")
    func agreesWithBotocore() async throws {
        let sts = try await PythonServer(script: "fake_aws.py")
        defer { sts.stop() }
        let tokens = try AWSFiles()
        defer { tokens.remove() }
        try tokens.write("token", Self.token)
        try tokens.write("token-newline", Self.token + "\n")
        let inputs = try cases(sts: sts, tokens: tokens).map { testCase in
            (try AWSFiles(config: testCase.config, credentials: testCase.credentials), testCase)
        }
        defer { inputs.forEach { $0.0.remove() } }

        let expected = try CredentialOracle.botocore(inputs)
        #expect(expected.first == ResolverAnswer(accessKey: "ASIAFAKEWEBIDENTITY",
                                                 token: "webidentity:\(Self.role):default-session:\(Self.token)-1",
                                                 method: "assume-role-with-web-identity"),
                "botocore itself calls the fake STS")
        for ((files, testCase), botocore) in zip(inputs, expected) {
            let rootmail = await CredentialOracle.rootmail(files, testCase)
            // AssumeRole's keys are numbered per call: the source and the kind of key are what must agree.
            let comparable = { (answer: ResolverAnswer) in
                answer.method == "assume-role" ? "assume-role \(answer.accessKey?.prefix(12) ?? "")" : answer.description
            }
            #expect(comparable(rootmail) == comparable(botocore),
                    "\(testCase.name): rootmail found \(rootmail), botocore \(botocore)")
            #expect(botocore.refused == testCase.name.contains("refused"), "\(testCase.name): botocore found \(botocore)")
        }
        let calls = try await sts.control("/__calls")
        let webIdentity = try #require(calls["AssumeRoleWithWebIdentity"] as? [String: Any])
        #expect((webIdentity["keys"] as? [String])?.allSatisfy(\.isEmpty) == true, "every call went unsigned: \(webIdentity)")
    }

    @Test("a web identity token file without a role says how to give one")
    func missingRoleMessage() async throws {
        let files = try AWSFiles()
        defer { files.remove() }
        let settings = try ClientSettings(profile: nil, region: nil, endpointURL: nil, environment: files.environment([
            "AWS_WEB_IDENTITY_TOKEN_FILE": "/var/run/secrets/token",
        ]))
        let chain = CredentialChain(settings: settings, http: .shared, makeSTS: { _ in fatalError("no STS") },
                                    now: { Date() })
        await #expect {
            _ = try await chain.resolve()
        } throws: { error in
            guard case RootmailError.configuration(let text) = error else { return false }
            return text.contains("AWS_WEB_IDENTITY_TOKEN_FILE") && text.contains("AWS_ROLE_ARN")
                && text.contains("role_arn")
        }
    }
}
